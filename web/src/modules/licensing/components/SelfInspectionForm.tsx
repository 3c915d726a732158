import { Alert, App, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, call } from '../../../api/client';
import { useErrorHandler } from '../../../components/errors';
import { FileUpload } from '../../../components/FileUpload';
import {
  REPORT_ITEMS,
  StatusTag,
  useAfterSubmit,
  type ReportBody,
  type StatusItem,
} from './SelfInspectionShared';

type Values = Omit<ReportBody, 'certificateId' | 'year'>;

/**
 * 填报年度自查报告: the six items of 《办法》第四十八条第二款 and attachments. One report per certificate and
 * year, not changeable once submitted — hence the confirmation.
 */
export function SelfInspectionForm(props: {
  cert: StatusItem;
  year: number;
  deadline?: string;
  onClose: () => void;
  onSubmitted: (reportId: string) => void;
}) {
  const { cert, year } = props;
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const after = useAfterSubmit();
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  // Errors about the certificate or the year are not fields of this form: shown above it.
  const [topError, setTopError] = useState<string>();

  async function submit() {
    // Invalid fields show their messages under the fields.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    if (uploading) {
      void message.warning('附件仍在上传，请稍候');
      return;
    }
    const ok = await modal.confirm({
      title: `确认提交 ${year} 年度自查报告？`,
      content: `${cert.productName}（${cert.certificateNo}）。报告提交后不能修改或撤回，请确认内容真实、完整。`,
      okText: '确认提交',
      cancelText: '再检查一下',
    });
    if (!ok) return;
    const body: ReportBody = {
      certificateId: cert.certificateId,
      year,
      conditionsKept: v.conditionsKept,
      changes: v.changes,
      production: v.production,
      certificateUse: v.certificateUse,
      inspections: v.inspections,
      other: v.other?.trim() ? v.other : null,
      fileIds: v.fileIds ?? [],
    };
    setBusy(true);
    setTopError(undefined);
    try {
      const r = await call(api.POST('/api/licensing/self-inspections', { body }));
      void message.success(`${year} 年度自查报告已提交${r.late ? '（逾期提交）' : ''}`);
      after();
      props.onSubmitted(r.id);
    } catch (e) {
      if (e instanceof ApiError && (e.field === 'year' || e.field === 'certificateId')) {
        setTopError(e.message);
        // Already submitted (e.g. by a colleague) or the certificate changed: the lists are stale.
        after();
      } else {
        onError(e, form);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={760}
      title={`填报 ${year} 年度自查报告`}
      okText="提交报告"
      okButtonProps={{ loading: busy, disabled: uploading }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="证书编号">{cert.certificateNo}</Descriptions.Item>
        <Descriptions.Item label="产品名称">{cert.productName}</Descriptions.Item>
        <Descriptions.Item label="报告年度">{year} 年度</Descriptions.Item>
        <Descriptions.Item label="提交截止日期">
          {props.deadline ?? '—'} <StatusTag status={cert.status} label={cert.statusLabel} />
        </Descriptions.Item>
      </Descriptions>
      {cert.status === 'overdue' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="本年度报告已过截止日期，提交后将记为逾期提交。"
        />
      )}
      {topError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={topError} />}
      <Typography.Paragraph type="secondary">
        请按《工业产品生产许可证管理条例实施办法》第四十八条第二款逐项如实填写，（一）至（五）项为必填项。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ fileIds: [] }}>
        {REPORT_ITEMS.map((it) => (
          <Form.Item
            key={it.name}
            name={it.name}
            label={it.label}
            rules={
              it.required ? [{ required: true, whitespace: true, message: `请填写${it.label.slice(3)}` }] : []
            }
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 8 }}
              maxLength={4000}
              showCount
              placeholder={it.placeholder}
            />
          </Form.Item>
        ))}
        <Form.Item
          name="fileIds"
          label="附件"
          extra="可上传相关证明材料（如检验报告、监督抽查结果等），最多 20 个。"
        >
          <FileUpload maxCount={20} onUploadingChange={setUploading} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
