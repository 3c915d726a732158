import { Space, Table, Tag, Typography } from 'antd';
import type { paths } from '../../../api/schema';
import { DocumentPreview } from '../../../components/DocumentPreview';

type AppDetail =
  paths['/api/licensing/applications/{id}']['get']['responses']['200']['content']['application/json'];
type Material = AppDetail['materials'][number];

/**
 * The materials of an application as officers check them: the checklist with the number of files per item
 * (missing required ones flagged), each file opening in the preview, and files outside the checklist.
 */
export function ApplicationMaterials({ app: d }: { app: AppDetail }) {
  const listed = new Set(d.checklist.map((c) => c.code));
  const others = d.materials.filter((m) => !listed.has(m.materialCode));
  const files = (ms: Material[]) => (
    <Space orientation="vertical" size={0}>
      {ms.map((m) => (
        <Space key={m.id} size={4}>
          <DocumentPreview fileId={m.fileId} name={m.fileName ?? m.materialName} />
          {m.issuerOrgName && <Typography.Text type="secondary">（{m.issuerOrgName}出具）</Typography.Text>}
        </Space>
      ))}
    </Space>
  );
  return (
    <>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={d.checklist}
        columns={[
          {
            key: 'name',
            title: '材料',
            render: (_: unknown, c) => (
              <Space>
                {c.name}
                {c.required && <Tag color="blue">必需</Tag>}
              </Space>
            ),
          },
          {
            key: 'attached',
            title: '份数',
            width: 80,
            render: (_: unknown, c) =>
              c.attached > 0 ? (
                <Tag color="success">{c.attached} 份</Tag>
              ) : c.required ? (
                <Tag color="error">缺</Tag>
              ) : (
                <Tag>无</Tag>
              ),
          },
          {
            key: 'files',
            title: '文件（点击预览）',
            render: (_: unknown, c) => files(d.materials.filter((m) => m.materialCode === c.code)),
          },
        ]}
      />
      {others.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            其他材料
          </Typography.Title>
          {files(others)}
        </>
      )}
    </>
  );
}
