import type { Principal } from '../../../platform/access/principal.js';
import { AuthService } from '../../../platform/auth/auth.service.js';
import type { AppContext } from '../../../platform/context.js';
import { uuidv7 } from '../../../platform/ids.js';
import { orgIdByCode } from '../../../seed/seed.js';
import { CatalogueService } from '../catalogue.service.js';
import { CertificatesService, type IssueInput, type IssuedCertificate } from '../certificates.service.js';

/** Test data of the certificate tests: principals, product units with codes, certificates issued directly. */

/** The Principal of a demo user, as the auth hook would build it. */
export async function principalOf(ctx: AppContext, username: string): Promise<Principal> {
  const u = await ctx.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const p = await new AuthService(ctx).loadPrincipal(u.id, 'test');
  if (!p) throw new Error(`no principal for ${username}`);
  return p;
}

/**
 * A product unit with 行业编号 and 产品编号 (the seeded catalogue has none yet): a category carrying the
 * industry code and a variety under it carrying the product code, created through the catalogue service.
 */
export async function createProductUnit(
  ctx: AppContext,
  industryCode: string,
  productCode: string,
  name = `测试产品${productCode}`,
): Promise<string> {
  const admin = await principalOf(ctx, 'sheng');
  const catalogue = new CatalogueService(ctx);
  const tag = uuidv7().slice(-8);
  const category = await catalogue.create(admin, {
    level: 'category',
    code: `T${tag}`,
    name: `测试类别${tag}`,
    industryCode,
  });
  const variety = await catalogue.create(admin, {
    level: 'variety',
    parentId: category.id,
    code: `T${tag}-V`,
    name,
    productCode,
  });
  return variety.id;
}

/** Enterprise ids and regions of the demo data. */
export async function enterprises(ctx: AppContext) {
  return {
    qinfeng: { orgId: await orgIdByCode(ctx, 'ENT-QINFENG'), regionCode: '610102' },
    chencang: { orgId: await orgIdByCode(ctx, 'ENT-CHENCANG'), regionCode: '610303' },
    weicheng: { orgId: await orgIdByCode(ctx, 'ENT-WEICHENG'), regionCode: '610402' },
  };
}

/** Issues a certificate as the applications' process would: in its own transaction, by the province officer. */
export async function issue(
  ctx: AppContext,
  input: Omit<IssueInput, 'applicationId'> & { applicationId?: string },
  by = 'sheng',
): Promise<IssuedCertificate> {
  const p = await principalOf(ctx, by);
  const certs = new CertificatesService(ctx);
  return ctx.db.transaction().execute((trx) => certs.issue(trx, p, { applicationId: uuidv7(), ...input }));
}
