import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { errorText, useErrorHandler } from '../../../components/errors';
import { useReloadTable } from '../../../components/ServerTable';
import { templateKey, TEMPLATES_TABLE_ID, type TemplateDetail } from './AdminTemplate';

type Chapter = TemplateDetail['chapters'][number];
type Item = Chapter['items'][number];
type ItemBody =
  paths['/api/licensing/checklist-templates/{id}/items']['post']['requestBody']['content']['application/json'];

/** The whole order of a template for PUT /order: every chapter with every one of its items, in order. */
const orderOf = (chapters: Array<{ id: string; items: Array<{ id: string }> }>) => ({
  chapters: chapters.map((c) => ({ id: c.id, items: c.items.map((i) => i.id) })),
});

/** Sets the order of every chapter and item of a draft in one request (one transaction on the server). */
const putOrder = (templateId: string, chapters: Array<{ id: string; items: Array<{ id: string }> }>) =>
  call(
    api.PUT('/api/licensing/checklist-templates/{id}/order', {
      params: { path: { id: templateId } },
      body: orderOf(chapters),
    }),
  );

/** "第 3 章 质量管理职责": the position, then the title as the 细则 words it (it may carry its own number). */
const chapterLabel = (i: number, title: string) => `第 ${i + 1} 章  ${title}`;

/** Chapters and their items: add, rename, reorder, delete (drafts only; read-only otherwise). */
export function TemplateChapters(props: { template: TemplateDetail; editable: boolean }) {
  const t = props.template;
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const reload = useReloadTable();
  const [busy, setBusy] = useState(false);
  const [chapterEdit, setChapterEdit] = useState<Chapter | 'new' | null>(null);
  const [itemEdit, setItemEdit] = useState<{ chapter: Chapter; item: Item | null } | null>(null);

  const applied = (d: TemplateDetail) => {
    qc.setQueryData(templateKey(d.id), d);
    void reload(TEMPLATES_TABLE_ID);
  };

  /** Runs one edit and shows the state it answers; on failure re-reads the template. */
  async function run(step: () => Promise<TemplateDetail>, done?: string) {
    setBusy(true);
    try {
      applied(await step());
      if (done) void message.success(done);
    } catch (e) {
      onError(e);
      void qc.invalidateQueries({ queryKey: templateKey(t.id) });
    } finally {
      setBusy(false);
    }
  }

  function moveChapter(index: number, delta: number) {
    const order = [...t.chapters];
    const [c] = order.splice(index, 1);
    order.splice(index + delta, 0, c!);
    void run(() => putOrder(t.id, order));
  }

  function moveItem(chapter: Chapter, index: number, delta: number) {
    const items = [...chapter.items];
    const [it] = items.splice(index, 1);
    items.splice(index + delta, 0, it!);
    void run(() =>
      putOrder(
        t.id,
        t.chapters.map((c) => (c.id === chapter.id ? { ...c, items } : c)),
      ),
    );
  }

  async function deleteChapter(c: Chapter) {
    const ok = await modal.confirm({
      title: `确认删除章节“${c.title}”？`,
      content: c.items.length
        ? `该章节下的 ${c.items.length} 条核查条款将一并删除。`
        : '该章节下没有核查条款。',
      okText: '删除',
      okButtonProps: { danger: true },
    });
    if (!ok) return;
    void run(
      () =>
        call(
          api.DELETE('/api/licensing/checklist-templates/{id}/chapters/{chapterId}', {
            params: { path: { id: t.id, chapterId: c.id } },
          }),
        ),
      `已删除章节“${c.title}”`,
    );
  }

  async function deleteItem(item: Item) {
    const ok = await modal.confirm({
      title: `确认删除条款 ${item.code}？`,
      content: item.content.length > 80 ? `${item.content.slice(0, 80)}……` : item.content,
      okText: '删除',
      okButtonProps: { danger: true },
    });
    if (!ok) return;
    void run(
      () =>
        call(
          api.DELETE('/api/licensing/checklist-templates/{id}/items/{itemId}', {
            params: { path: { id: t.id, itemId: item.id } },
          }),
        ),
      `已删除条款 ${item.code}`,
    );
  }

  const total = t.chapters.reduce((n, c) => n + c.items.length, 0);
  const vetoes = t.chapters.reduce((n, c) => n + c.items.filter((i) => i.veto).length, 0);

  return (
    <Card
      title="章节与核查条款"
      extra={
        <Space>
          <Typography.Text type="secondary">
            共 {t.chapters.length} 章 {total} 条，否决项 {vetoes} 条
          </Typography.Text>
          {props.editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setChapterEdit('new')}>
              新增章节
            </Button>
          )}
        </Space>
      }
    >
      {t.chapters.length === 0 && (
        <Empty
          description={
            props.editable ? '还没有章节。请新增章节，或在模板列表中用“从表格导入”创建模板。' : '没有章节'
          }
        />
      )}
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {t.chapters.map((c, ci) => (
          <Card
            key={c.id}
            size="small"
            type="inner"
            title={
              <Space>
                <Tag color="blue">第 {ci + 1} 章</Tag>
                <span>{c.title}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {c.items.length} 条
                </Typography.Text>
              </Space>
            }
            extra={
              props.editable && (
                <Space size={0}>
                  <Tooltip title="上移">
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      aria-label="章节上移"
                      disabled={busy || ci === 0}
                      onClick={() => moveChapter(ci, -1)}
                    />
                  </Tooltip>
                  <Tooltip title="下移">
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label="章节下移"
                      disabled={busy || ci === t.chapters.length - 1}
                      onClick={() => moveChapter(ci, 1)}
                    />
                  </Tooltip>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setChapterEdit(c)}>
                    重命名
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    icon={<PlusOutlined />}
                    onClick={() => setItemEdit({ chapter: c, item: null })}
                  >
                    新增条款
                  </Button>
                  <Button
                    type="link"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => void deleteChapter(c)}
                  >
                    删除
                  </Button>
                </Space>
              )
            }
          >
            <Table<Item>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.items}
              loading={busy}
              locale={{ emptyText: '本章还没有核查条款' }}
              columns={[
                {
                  key: 'code',
                  title: '条款编号',
                  dataIndex: 'code',
                  width: 100,
                  render: (v: string, r) => (
                    <span style={r.veto ? { color: '#cf1322', fontWeight: 600 } : undefined}>
                      {r.veto ? `*${v}` : v}
                    </span>
                  ),
                },
                { key: 'content', title: '核查内容', dataIndex: 'content' },
                {
                  key: 'method',
                  title: '核查方法或要点',
                  dataIndex: 'method',
                  width: 240,
                  render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
                },
                {
                  key: 'veto',
                  title: '类别',
                  dataIndex: 'veto',
                  width: 90,
                  render: (v: boolean) => (v ? <Tag color="red">否决项</Tag> : <Tag>一般项</Tag>),
                },
                {
                  key: 'appliesWhen',
                  title: '适用条件',
                  dataIndex: 'appliesWhen',
                  width: 160,
                  render: (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>,
                },
                ...(props.editable
                  ? [
                      {
                        key: 'actions',
                        title: '操作',
                        width: 190,
                        render: (_: unknown, r: Item, ii: number) => (
                          <Space size={0} wrap={false}>
                            <Button
                              type="text"
                              size="small"
                              icon={<ArrowUpOutlined />}
                              aria-label="条款上移"
                              disabled={busy || ii === 0}
                              onClick={() => moveItem(c, ii, -1)}
                            />
                            <Button
                              type="text"
                              size="small"
                              icon={<ArrowDownOutlined />}
                              aria-label="条款下移"
                              disabled={busy || ii === c.items.length - 1}
                              onClick={() => moveItem(c, ii, 1)}
                            />
                            <Button
                              type="link"
                              size="small"
                              onClick={() => setItemEdit({ chapter: c, item: r })}
                            >
                              修改
                            </Button>
                            <Button type="link" size="small" danger onClick={() => void deleteItem(r)}>
                              删除
                            </Button>
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        ))}
      </Space>
      {chapterEdit && (
        <ChapterModal
          template={t}
          chapter={chapterEdit === 'new' ? null : chapterEdit}
          onClose={() => setChapterEdit(null)}
          onSaved={(d) => {
            applied(d);
            setChapterEdit(null);
          }}
        />
      )}
      {itemEdit && (
        <ItemModal
          template={t}
          chapter={itemEdit.chapter}
          item={itemEdit.item}
          onClose={() => setItemEdit(null)}
          onSaved={(d) => {
            applied(d);
            setItemEdit(null);
          }}
        />
      )}
    </Card>
  );
}

function ChapterModal(props: {
  template: TemplateDetail;
  chapter: Chapter | null;
  onClose: () => void;
  onSaved: (d: TemplateDetail) => void;
}) {
  const { template: t, chapter } = props;
  const [form] = Form.useForm<{ title: string }>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    setBusy(true);
    try {
      const d = chapter
        ? await call(
            api.PUT('/api/licensing/checklist-templates/{id}/chapters/{chapterId}', {
              params: { path: { id: t.id, chapterId: chapter.id } },
              body: { title: v.title.trim() },
            }),
          )
        : await call(
            api.POST('/api/licensing/checklist-templates/{id}/chapters', {
              params: { path: { id: t.id } },
              body: { title: v.title.trim() },
            }),
          );
      void message.success(chapter ? '已修改章节名称' : `已新增章节“${v.title.trim()}”`);
      props.onSaved(d);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={chapter ? '重命名章节' : '新增章节'}
      okText="保存"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: chapter?.title ?? '' }}
        preserve={false}
        onFinish={() => void submit()}
      >
        <Form.Item
          name="title"
          label="章节名称"
          rules={[{ required: true, whitespace: true, message: '请填写章节名称' }]}
          extra={chapter ? undefined : '新章节排在最后，可用上移、下移调整顺序'}
        >
          <Input maxLength={200} placeholder="如 质量管理职责" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ItemForm {
  chapterId: string;
  code: string;
  content: string;
  method?: string;
  veto: boolean;
  appliesWhen?: string;
}

/** A proposal for the next item code of a chapter: "3.4" after "3.3". */
function nextCode(template: TemplateDetail, chapter: Chapter): string {
  const ci = template.chapters.findIndex((c) => c.id === chapter.id) + 1;
  const taken = new Set(template.chapters.flatMap((c) => c.items.map((i) => i.code)));
  for (let n = chapter.items.length + 1; n < 1000; n++) {
    const code = `${ci}.${n}`;
    if (!taken.has(code)) return code;
  }
  return '';
}

function ItemModal(props: {
  template: TemplateDetail;
  chapter: Chapter;
  item: Item | null;
  onClose: () => void;
  onSaved: (d: TemplateDetail) => void;
}) {
  const { template: t, chapter, item } = props;
  const [form] = Form.useForm<ItemForm>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);

  async function submit() {
    const v = await form.validateFields().catch(() => null);
    if (!v) return; // the form shows what is missing
    const fields = {
      code: v.code.trim(),
      content: v.content.trim(),
      method: v.method?.trim() || null,
      veto: v.veto,
      appliesWhen: v.appliesWhen?.trim() || null,
    };
    setBusy(true);
    try {
      let d: TemplateDetail;
      if (item) {
        d = await call(
          api.PUT('/api/licensing/checklist-templates/{id}/items/{itemId}', {
            params: { path: { id: t.id, itemId: item.id } },
            body: fields,
          }),
        );
        // Moving to another chapter puts the item at the end there, through the one order request.
        if (v.chapterId !== chapter.id) {
          const saved = d;
          try {
            d = await putOrder(
              t.id,
              saved.chapters.map((c) => ({
                id: c.id,
                items: [
                  ...c.items.filter((i) => i.id !== item.id),
                  ...(c.id === v.chapterId ? [{ id: item.id }] : []),
                ],
              })),
            );
          } catch (e) {
            // The item's fields are saved; only the move failed: show the saved state and why.
            props.onSaved(saved);
            void message.error(`条款 ${fields.code} 已保存，但未能移到所选章节：${errorText(e)}`, 6);
            return;
          }
        }
      } else {
        const body: ItemBody = { ...fields, chapterId: v.chapterId };
        d = await call(
          api.POST('/api/licensing/checklist-templates/{id}/items', { params: { path: { id: t.id } }, body }),
        );
      }
      void message.success(item ? `已保存条款 ${fields.code}` : `已新增条款 ${fields.code}`);
      props.onSaved(d);
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      width={760}
      title={item ? `修改条款 ${item.code}` : `新增条款 — ${chapter.title}`}
      okText="保存"
      okButtonProps={{ loading: busy }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form<ItemForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          item
            ? {
                chapterId: chapter.id,
                code: item.code,
                content: item.content,
                method: item.method ?? '',
                veto: item.veto,
                appliesWhen: item.appliesWhen ?? '',
              }
            : { chapterId: chapter.id, code: nextCode(t, chapter), content: '', veto: false }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="chapterId" label="所属章节" rules={[{ required: true, message: '请选择章节' }]}>
              <Select
                options={t.chapters.map((c, i) => ({ value: c.id, label: chapterLabel(i, c.title) }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="code"
              label="条款编号"
              rules={[{ required: true, whitespace: true, message: '请填写条款编号' }]}
              extra="本模板内唯一"
            >
              <Input maxLength={32} placeholder="如 2.3" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="veto"
              label="否决项"
              valuePropName="checked"
              tooltip="细则中标“*”的条款；否决项不符合数超过模板规定的上限即判不合格"
            >
              <Switch checkedChildren="否决项" unCheckedChildren="一般项" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="content"
              label="核查内容"
              rules={[{ required: true, whitespace: true, message: '请填写核查内容' }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="method" label="核查方法或要点">
              <Input.TextArea rows={3} maxLength={2000} placeholder="如 查阅文件、现场查看、询问相关人员" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="appliesWhen"
              label="适用条件"
              extra="仅在特定情形下适用时填写，例如“有委托加工的企业”"
            >
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
