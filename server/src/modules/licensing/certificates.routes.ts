import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { authorize, requirePrincipal } from '../../platform/auth/auth.hooks.js';
import { businessDate } from '../../platform/clock.js';
import type { AppContext } from '../../platform/context.js';
import { sendXlsx } from '../../platform/documents/xlsx.js';
import { IdParams, OkReply } from '../../platform/http/schemas.js';
import './cancellation.workflow.js';
import { renderCertificatePdf } from './certificate.pdf.js';
import { LICENSING_AUTHORITY } from './documents.rules.js';
import type { SanctionKind } from './certificate.rules.js';
import {
  CERTIFICATE_XLSX,
  presentCertificate,
  presentCertificateDetail,
  presentReminder,
  presentSetting,
  presentSettings,
} from './certificates.presenter.js';
import {
  CancellationBody,
  CancellationStarted,
  CertificateDetail,
  CertificateItem,
  CertificateListQuery,
  CertificatePage,
  PdfQuery,
  PublicCertificate,
  PublicNumberParams,
  PublicTokenParams,
  ReminderPage,
  ReminderQuery,
  SanctionBody,
  SettingBody,
  SettingItem,
  SettingParams,
  SettingsReply,
} from './certificates.schemas.js';
import {
  CERTIFICATE_CANCEL_START,
  CERTIFICATE_READ,
  CERTIFICATE_SANCTION,
  CERTIFICATE_SETTINGS_READ,
  CERTIFICATE_SETTINGS_WRITE,
  CertificatesService,
} from './certificates.service.js';
import './reminders.jobs.js';

const tags = ['生产许可-证书'];
/** The authority printed on the certificate: all licences are granted by the province (licensing.md §2). */
/** Requests per minute and IP on the public verification (DESIGN.md §13: rate limits on public endpoints). */
export const PUBLIC_VERIFY_PER_MINUTE = 30;

/** Login and permission before validation, so 401/403 come before 400 (as modules/system does). */
const guard = (permission: string | readonly string[]) => ({
  preValidation: authorize(typeof permission === 'string' ? permission : [...permission]),
});

/** The public verification page a certificate's QR code opens (a page of the web console, no login). */
export function verifyUrl(req: FastifyRequest, token: string): string {
  return `${req.protocol}://${req.host}/verify/licence/${encodeURIComponent(token)}`;
}

const SANCTIONS: Array<[path: string, kind: SanctionKind, summary: string, audit: string]> = [
  ['revoke', 'revoke', '撤销许可（证号作废，不再使用；《办法》第三十四条）', '撤销生产许可'],
  ['withdraw', 'withdraw', '撤回许可（《办法》第三十三条）', '撤回生产许可'],
  [
    'rescind',
    'rescind',
    '吊销许可证（3 年内不得再申请同一产品；《条例》第五十四条、第五十五条）',
    '吊销生产许可证',
  ],
];

/** /api/licensing/certificates: 证书查询、详情与历史、PDF、撤销/撤回/吊销、注销、申报提醒、配置. */
export function certificatesRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const certs = new CertificatesService(ctx);
    const today = () => businessDate(ctx.clock.now(), ctx.config.timeZone);

    app.get(
      '',
      {
        schema: {
          tags,
          summary: '证书列表（企业看本企业，监管人员按辖区；筛选、排序、导出 xlsx）',
          querystring: CertificateListQuery,
          response: { 200: CertificatePage },
        },
        ...guard(CERTIFICATE_READ),
      },
      async (req, reply) => {
        const p = requirePrincipal(req);
        const {
          keyword,
          state,
          applicationType,
          productUnitId,
          orgId,
          regionCode,
          validToFrom,
          validToTo,
          includeReplaced,
          ...q
        } = req.query;
        const page = await certs.list(
          p,
          {
            keyword,
            state,
            applicationType,
            productUnitId,
            orgId,
            regionCode,
            validToFrom,
            validToTo,
            includeReplaced,
          },
          q,
        );
        const items = page.items.map((v) => presentCertificate(v, today()));
        if (q.format === 'xlsx') return sendXlsx(reply, '生产许可证书', CERTIFICATE_XLSX, items);
        return { ...page, items };
      },
    );

    app.get(
      '/reminders',
      {
        schema: {
          tags,
          summary: '申报提醒（企业：本企业证书的延续提醒）',
          querystring: ReminderQuery,
          response: { 200: ReminderPage },
        },
        ...guard(CERTIFICATE_READ),
      },
      async (req) => {
        const { unread, ...q } = req.query;
        const page = await certs.reminders(requirePrincipal(req), { unread }, q);
        return { ...page, items: page.items.map(presentReminder) };
      },
    );

    app.post(
      '/reminders/:id/read',
      {
        schema: { tags, summary: '将申报提醒标为已读', params: IdParams, response: { 200: OkReply } },
        ...guard(CERTIFICATE_READ),
        config: { audit: { action: '申报提醒已读', targetType: 'licence_reminder' } },
      },
      async (req) => {
        await certs.markReminderRead(requirePrincipal(req), req.params.id);
        return { ok: true };
      },
    );

    app.get(
      '/settings',
      {
        schema: {
          tags,
          summary: '证书规则配置（编号样式、有效期规则、提醒节点）',
          response: { 200: SettingsReply },
        },
        ...guard(CERTIFICATE_SETTINGS_READ),
      },
      async (req) => {
        return presentSettings(await certs.listSettings(requirePrincipal(req)));
      },
    );

    app.put(
      '/settings/:key',
      {
        schema: {
          tags,
          summary: '修改证书规则配置（只影响此后作出的决定，已发证书不重算），返回修改后的配置项',
          params: SettingParams,
          body: SettingBody,
          response: { 200: SettingItem },
        },
        ...guard(CERTIFICATE_SETTINGS_WRITE),
        config: { audit: { action: '修改证书规则配置', targetType: 'licence_setting' } },
      },
      async (req) => {
        const { key } = req.params;
        req.auditTarget = { id: key };
        const items = await certs.updateSetting(requirePrincipal(req), key, req.body.value);
        return presentSetting(items.find((i) => i.key === key)!);
      },
    );

    app.get(
      '/:id',
      {
        schema: {
          tags,
          summary: '证书详情（同一编号的历次证书、历史记录、注销申请）',
          params: IdParams,
          response: { 200: CertificateDetail },
        },
        ...guard(CERTIFICATE_READ),
      },
      async (req) =>
        presentCertificateDetail(await certs.detail(requirePrincipal(req), req.params.id), today()),
    );

    app.get(
      '/:id/pdf',
      {
        schema: {
          tags,
          summary: '下载证书 PDF（正本/副本，含核验二维码）',
          params: IdParams,
          querystring: PdfQuery,
          produces: ['application/pdf'],
        },
        ...guard(CERTIFICATE_READ),
      },
      async (req, reply) => {
        const d = await certs.detail(requirePrincipal(req), req.params.id);
        const buf = await renderCertificatePdf({
          certificate: d,
          copy: req.query.copy ?? 'both',
          verifyUrl: verifyUrl(req, d.row.verify_token),
          issuer: LICENSING_AUTHORITY,
          events: d.events.filter((e) => !e.event_type.startsWith('cancellation_')),
          createdAt: ctx.clock.now(),
        });
        const name = `生产许可证-${d.number}.pdf`;
        return reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="licence.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .send(buf);
      },
    );

    for (const [path, kind, summary, action] of SANCTIONS) {
      app.post(
        `/:id/${path}`,
        {
          schema: { tags, summary, params: IdParams, body: SanctionBody, response: { 200: CertificateItem } },
          ...guard(CERTIFICATE_SANCTION),
          config: { audit: { action, targetType: 'licence_certificate' } },
        },
        async (req) =>
          presentCertificate(
            await certs.sanction(requirePrincipal(req), req.params.id, { kind, ...req.body }),
            today(),
          ),
      );
    }

    app.post(
      '/:id/cancellation',
      {
        schema: {
          tags,
          summary: '发起注销（依职权注销；进入初审 → 审核 → 审批三级审批，证书在审批通过时注销）',
          params: IdParams,
          body: CancellationBody,
          response: { 200: CancellationStarted },
        },
        ...guard(CERTIFICATE_CANCEL_START),
        config: { audit: { action: '发起生产许可证注销', targetType: 'licence_certificate' } },
      },
      async (req) => certs.requestCancellation(requirePrincipal(req), req.params.id, req.body),
    );
  };
}

/**
 * /api/public/licences: 证书核验 without login (the QR code on the certificate, or a number typed by
 * anyone). Shows the current state and no personal data; rate-limited per IP like the login.
 */
export function publicLicenceRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const certs = new CertificatesService(ctx);
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, c) => ({
        statusCode: 429,
        code: 'RATE_LIMITED',
        message: `查询过于频繁，请 ${Math.ceil(c.ttl / 1000)} 秒后再试`,
      }),
    });
    const limited = { rateLimit: { max: PUBLIC_VERIFY_PER_MINUTE, timeWindow: '1 minute' } };

    app.get(
      '/verify/:token',
      {
        schema: {
          tags: ['公开查询'],
          summary: '证书二维码核验（无需登录）',
          params: PublicTokenParams,
          response: { 200: PublicCertificate },
          security: [],
        },
        config: limited,
      },
      async (req) => certs.verifyToken(req.params.token),
    );

    app.get(
      '/:number',
      {
        schema: {
          tags: ['公开查询'],
          summary: '按证书编号核验生产许可证（无需登录）',
          params: PublicNumberParams,
          response: { 200: PublicCertificate },
          security: [],
        },
        config: limited,
      },
      async (req) => certs.verifyNumber(req.params.number),
    );
  };
}
