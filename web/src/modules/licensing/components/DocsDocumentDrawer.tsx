import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Space, Spin, Typography } from 'antd';
import { useState, type CSSProperties } from 'react';
import { api, call, download } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { errorText, useErrorHandler } from '../../../components/errors';

type DocList = paths['/api/licensing/documents']['get'];
export type DocItem = DocList['responses']['200']['content']['application/json']['items'][number];
export type DocKind = DocItem['kind'];
type DocDetail =
  paths['/api/licensing/documents/{id}']['get']['responses']['200']['content']['application/json'];

/** 文书种类 (the server's DOCUMENT_KINDS), in the order of the process. */
export const DOC_KIND_OPTIONS: Array<{ value: DocKind; label: string }> = [
  { value: 'acceptance_notice', label: '受理通知书' },
  { value: 'supplement_notice', label: '补正告知书' },
  { value: 'rejection_notice', label: '不予受理决定书' },
  { value: 'inspection_conclusion', label: '实地核查结论通知书' },
  { value: 'approval_decision', label: '准予许可决定书' },
  { value: 'refusal_decision', label: '不予许可决定书' },
  { value: 'termination_notice', label: '终止办理通知书' },
];

/** Downloads a document as PDF (default) or Word, under the server's file name (文书名称-文号). */
export async function downloadDocument(
  d: Pick<DocItem, 'id' | 'title' | 'docNo'>,
  format: 'pdf' | 'docx' = 'pdf',
): Promise<void> {
  await download(
    `/api/licensing/documents/${encodeURIComponent(d.id)}/file?format=${format}`,
    `${d.title}-${d.docNo}.${format}`,
  );
}

/** A PDF download button with its own busy state and error message. */
export function DocsDownloadButton(props: {
  doc: Pick<DocItem, 'id' | 'title' | 'docNo'>;
  format?: 'pdf' | 'docx';
  link?: boolean;
}) {
  const { doc, format = 'pdf', link } = props;
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  async function run() {
    setBusy(true);
    try {
      await downloadDocument(doc, format);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button
      type={link ? 'link' : 'default'}
      size={link ? 'small' : 'middle'}
      icon={format === 'pdf' ? <FilePdfOutlined /> : <FileWordOutlined />}
      loading={busy}
      onClick={() => void run()}
    >
      {format === 'pdf' ? '下载 PDF' : '下载 Word'}
    </Button>
  );
}

const paper: CSSProperties = {
  background: '#fff',
  border: '1px solid #e8e8e8',
  boxShadow: '0 1px 6px rgba(0,0,0,0.08)',
  padding: '40px 48px 32px',
  fontFamily: '"FangSong", "STFangsong", "仿宋", "SimSun", serif',
  fontSize: 15,
  lineHeight: 1.9,
  color: '#000',
};
const cell: CSSProperties = { border: '1px solid #595959', padding: '4px 8px', verticalAlign: 'top' };
const headCell: CSSProperties = { ...cell, background: '#fafafa', fontWeight: 600, textAlign: 'center' };

/** The frozen content of a document laid out like the printed paper (same blocks as the PDF). */
export function DocsPaper({ d }: { d: DocDetail }) {
  const c = d.content;
  return (
    <div style={paper} data-testid="document-paper">
      <div style={{ textAlign: 'center', fontSize: 22, fontWeight: 700, letterSpacing: 2 }}>{d.title}</div>
      <div style={{ textAlign: 'center', marginBottom: 20 }}>{d.docNo}</div>
      <p style={{ margin: 0 }}>{c.addressee}：</p>
      {c.paragraphs.map((p, i) => (
        <p key={i} style={{ margin: 0, textIndent: '2em', whiteSpace: 'pre-wrap' }}>
          {p}
        </p>
      ))}
      <table style={{ width: '100%', borderCollapse: 'collapse', margin: '12px 0' }}>
        <thead>
          <tr>
            <th style={{ ...headCell, width: '24%' }}>项目</th>
            <th style={headCell}>内容</th>
          </tr>
        </thead>
        <tbody>
          {c.facts.map((f, i) => (
            <tr key={i}>
              <td style={cell}>{f.label}</td>
              <td style={{ ...cell, whiteSpace: 'pre-wrap' }}>{f.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.table && (
        <>
          <p style={{ margin: '12px 0 0', fontWeight: 700 }}>不符合、基本符合项目</p>
          <table style={{ width: '100%', borderCollapse: 'collapse', margin: '4px 0 12px' }}>
            <thead>
              <tr>
                {c.table.columns.map((h, i) => (
                  <th key={i} style={headCell}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) => (
                    <td key={j} style={{ ...cell, whiteSpace: 'pre-wrap' }}>
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {c.remedy && <p style={{ margin: '12px 0 0', textIndent: '2em' }}>{c.remedy}</p>}
      <div style={{ textAlign: 'right', marginTop: 40 }}>
        <div>{c.issuer}</div>
        <div>{c.issuedOnText}</div>
      </div>
      <div style={{ marginTop: 24, fontSize: 12, color: '#8c8c8c', fontFamily: 'inherit' }}>
        依据：{d.basis}
      </div>
    </div>
  );
}

/**
 * 查看许可文书: the document as issued (its content is frozen when it is issued and never changes), with the
 * PDF download (and Word, for officers who keep their own files).
 */
export function DocsDocumentDrawer(props: { id: string | null; onClose: () => void; word?: boolean }) {
  const q = useQuery({
    queryKey: ['licensing', 'document', props.id],
    queryFn: () => call(api.GET('/api/licensing/documents/{id}', { params: { path: { id: props.id! } } })),
    enabled: !!props.id,
    staleTime: 10 * 60_000,
  });
  const d = q.data;
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      size={820}
      title={d ? `${d.title}（${d.docNo}）` : '许可文书'}
      extra={
        d && (
          <Space>
            {props.word && <DocsDownloadButton doc={d} format="docx" />}
            <DocsDownloadButton doc={d} />
          </Space>
        )
      }
      styles={{ body: { background: '#f5f5f5' } }}
    >
      {q.isLoading && <Spin style={{ display: 'block', margin: 48 }} />}
      {q.error && <Alert type="error" showIcon title={errorText(q.error)} />}
      {d && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            申请编号 {d.applicationNo ?? '—'} · 出具时间 {d.issuedOn}
            {d.issuedByName ? ` · 经办人 ${d.issuedByName}` : ''}
            。文书内容在出具时固定，以下内容与下载的 PDF 一致。
          </Typography.Text>
          <DocsPaper d={d} />
        </Space>
      )}
    </Drawer>
  );
}
