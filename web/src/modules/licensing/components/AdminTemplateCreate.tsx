import { App, Divider, Form, Modal, Switch, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../../api/client';
import { useErrorHandler } from '../../../components/errors';
import { useReloadTable } from '../../../components/ServerTable';
import { useCatalogueAll } from './AdminCatalogue';
import {
  DEFAULT_HEADER,
  editorPath,
  HEADER_FIELD_MAP,
  headerBody,
  TEMPLATES_TABLE_ID,
  TemplateHeaderFields,
  type CreateTemplateBody,
  type HeaderValues,
} from './AdminTemplate';
import { parseTemplateRows, TemplateImportArea } from './AdminTemplateImport';

/** 新建核查模板 (a draft), optionally with its chapters and items imported from a pasted table. */
export function TemplateCreateModal(props: { withImport: boolean; onClose: () => void }) {
  const [form] = Form.useForm<HeaderValues>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const reload = useReloadTable();
  const navigate = useNavigate();
  const catalogue = useCatalogueAll();
  const [importing, setImporting] = useState(props.withImport);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const parsed = useMemo(() => parseTemplateRows(text), [text]);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    if (importing && (parsed.errors.length > 0 || parsed.rows.length === 0)) {
      void message.error(parsed.rows.length === 0 ? '请粘贴要导入的章节与条款' : '导入内容有问题，请先修改');
      return;
    }
    const body: CreateTemplateBody = {
      ...headerBody(v, catalogue.data?.items ?? []),
      name: v.name.trim(),
      code: v.code!.trim(),
      ...(importing ? { chapters: parsed.chapters } : {}),
    };
    setBusy(true);
    try {
      const d = await call(api.POST('/api/licensing/checklist-templates', { body }));
      const itemCount = d.chapters.reduce((n, c) => n + c.items.length, 0);
      void message.success(
        importing
          ? `已新建草稿“${d.name}”，导入 ${d.chapters.length} 个章节、${itemCount} 条条款`
          : `已新建草稿“${d.name}”`,
      );
      void reload(TEMPLATES_TABLE_ID);
      props.onClose();
      void navigate(editorPath(d.id));
    } catch (e) {
      onError(e, form, HEADER_FIELD_MAP);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={920}
      title={props.withImport ? '导入核查模板' : '新建核查模板'}
      okText={importing ? '导入并创建草稿' : '创建草稿'}
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">
        新建的模板为草稿，可继续编辑章节与条款；发布后才能用于核查任务。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={DEFAULT_HEADER} preserve={false}>
        <TemplateHeaderFields form={form} withCode />
      </Form>
      <Divider style={{ margin: '8px 0 16px' }} />
      <Space style={{ marginBottom: 12 }}>
        <Switch checked={importing} onChange={setImporting} />
        <Typography.Text strong>同时导入章节与条款</Typography.Text>
      </Space>
      {importing && <TemplateImportArea value={text} onChange={setText} />}
    </Modal>
  );
}
