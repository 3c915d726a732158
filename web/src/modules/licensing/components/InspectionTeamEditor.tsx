import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { ApiError, api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { applyServerError, errorText } from '../../../components/errors';
import {
  DECLARATION_QUESTIONS,
  useApplyDetail,
  useDebounced,
  type InspectionDetail,
} from './InspectionShared';

type TeamBody =
  paths['/api/licensing/inspections/{id}/team']['put']['requestBody']['content']['application/json'];
type ConflictKey = (typeof DECLARATION_QUESTIONS)[number]['key'];

type CandidatesGet = paths['/api/licensing/inspections/{id}/team/candidates']['get'];
/**
 * One person the team may take (canLead: holds licensing:inspect; conflict: declared a conflict on this task).
 */
export type TeamCandidate = CandidatesGet['responses']['200']['content']['application/json']['items'][number];

/** The team candidates (people the caller may put on the team), filtered by name, username or unit. */
const fetchCandidates = (id: string, keyword: string) =>
  call(
    api.GET('/api/licensing/inspections/{id}/team/candidates', {
      params: { path: { id }, query: keyword ? { keyword } : {} },
    }),
  );

const candidatesKey = (id: string, keyword: string) =>
  ['licensing', 'inspection', id, 'team-candidates', keyword] as const;

/** What the editor knows about a person (from the team or the candidate list). */
interface Person {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  username?: string;
  canLead?: boolean;
  conflict?: boolean;
}

type DeclChoice = 'keep' | 'none' | 'conflict';

interface MemberRow {
  userId?: string;
  role: 'leader' | 'member';
  decl?: DeclChoice;
  conflicts?: ConflictKey[];
  note?: string;
}

interface TeamForm {
  members: MemberRow[];
}

const MIN = 2;
const MAX = 4;

/**
 * 组建 / 调整审查组: 2–4 people chosen from the candidates, exactly one 组长 (who must hold 实地核查 rights), each
 * with a 利害关系声明 (kept as registered, or registered now on their behalf). The rules are checked as the form
 * is filled; the server's answer (every rule broken) is shown above the form.
 */
export function InspectionTeamEditor({ d, onClose }: { d: InspectionDetail; onClose: () => void }) {
  const [form] = Form.useForm<TeamForm>();
  const { message, modal } = App.useApp();
  const applyDetail = useApplyDetail();
  const [busy, setBusy] = useState(false);
  const [serverProblems, setServerProblems] = useState<string[]>([]);
  const top = useRef<HTMLDivElement>(null);
  const people = useRef(
    new Map<string, Person>(
      d.team.map((m) => [m.userId, { userId: m.userId, name: m.name, orgId: m.orgId, orgName: m.orgName }]),
    ),
  );
  const [, rerender] = useState(0);
  // The unfiltered candidate list (shared with the pickers' first page): its note states the rules.
  const base = useQuery({
    queryKey: candidatesKey(d.id, ''),
    queryFn: () => fetchCandidates(d.id, ''),
    staleTime: 60_000,
  });
  const remember = (c: TeamCandidate) => {
    people.current.set(c.userId, c);
    rerender((n) => n + 1);
  };
  const declOf = (userId: string | undefined) =>
    userId ? d.declarations.find((x) => x.userId === userId) : undefined;

  const rows = (Form.useWatch('members', form) as MemberRow[] | undefined) ?? [];
  const problems = checkTeam(rows, people.current, declOf, d.observer?.userId ?? null);

  const initial: TeamForm = {
    members: d.team.length
      ? d.team.map((m) => ({
          userId: m.userId,
          role: m.role === 'leader' ? 'leader' : 'member',
          decl: m.declaration ? 'keep' : undefined,
          conflicts: [],
        }))
      : [
          { role: 'leader', conflicts: [] },
          { role: 'member', conflicts: [] },
        ],
  };

  async function submit() {
    setServerProblems([]);
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    if (problems.length) {
      void message.warning('审查组不符合要求，请按提示调整');
      top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    const body: TeamBody = {
      members: v.members.map((r) => ({
        userId: r.userId!,
        role: r.role,
        ...(r.decl === 'keep'
          ? {}
          : {
              declaration: {
                employed: r.decl === 'conflict' && !!r.conflicts?.includes('employed'),
                consulted: r.decl === 'conflict' && !!r.conflicts?.includes('consulted'),
                related: r.decl === 'conflict' && !!r.conflicts?.includes('related'),
                other: r.decl === 'conflict' && !!r.conflicts?.includes('other'),
                note: r.note?.trim() || null,
              },
            }),
      })),
      expectedVersion: d.version,
    };
    const leader = people.current.get(body.members.find((m) => m.role === 'leader')!.userId);
    modal.confirm({
      title: '确认审查组',
      content: `组长：${leader?.name ?? ''}；组员：${body.members
        .filter((m) => m.role === 'member')
        .map((m) => people.current.get(m.userId)?.name ?? '')
        .join('、')}。代为登记的利害关系声明将一并记录。`,
      okText: '确定',
      onOk: async () => {
        setBusy(true);
        try {
          applyDetail(
            await call(
              api.PUT('/api/licensing/inspections/{id}/team', { params: { path: { id: d.id } }, body }),
            ),
          );
          void message.success('审查组已保存');
          onClose();
        } catch (e) {
          const list = e instanceof ApiError ? (e.details?.problems as string[] | undefined) : undefined;
          const map: Record<string, string> = {};
          for (let i = 0; i < MAX; i++) map[`members.${i}.declaration`] = `members.${i}.decl`;
          // Every broken rule above the form; a row's own field is marked as well.
          setServerProblems(list?.length ? list : [errorText(e)]);
          applyServerError(form, e, map);
          setTimeout(() => top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
        } finally {
          setBusy(false);
        }
      },
    });
  }

  function makeLeader(index: number) {
    const cur = (form.getFieldValue('members') as MemberRow[]) ?? [];
    form.setFieldValue(
      'members',
      cur.map((r, i) => ({ ...r, role: i === index ? 'leader' : 'member' })),
    );
  }

  return (
    <Modal
      open
      title={d.team.length ? '调整审查组' : '组建审查组'}
      width={820}
      okText="保存审查组"
      okButtonProps={{ loading: busy, size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto' } }}
    >
      <div ref={top} />
      <Typography.Paragraph type="secondary">
        {base.data?.note ??
          '审查组由 2 至 4 名核查人员组成，设组长 1 名，不得全部来自同一单位；与申请企业有利害关系的人员应当回避（《办法》第十七条）。组长须有实地核查权限。'}
      </Typography.Paragraph>
      {serverProblems.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title="未能保存，审查组不符合要求："
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {serverProblems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          data-testid="team-server-problems"
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="请调整："
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          data-testid="team-problems"
        />
      )}
      <Form<TeamForm> form={form} layout="vertical" initialValues={initial}>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {fields.map((field, index) => {
                const row = rows[index];
                const existing = declOf(row?.userId);
                return (
                  <Card
                    key={field.key}
                    size="small"
                    title={`第 ${index + 1} 人`}
                    extra={
                      fields.length > MIN && (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label="移除"
                        >
                          移除
                        </Button>
                      )
                    }
                  >
                    <Space wrap align="start" size={16}>
                      <Form.Item
                        name={[field.name, 'userId']}
                        label="人员"
                        rules={[{ required: true, message: '请选择人员' }]}
                        style={{ marginBottom: 8 }}
                      >
                        <PersonSelect
                          taskId={d.id}
                          people={people.current}
                          onPick={(c) => {
                            remember(c);
                            const rowsNow = (form.getFieldValue('members') as MemberRow[]) ?? [];
                            const has = d.declarations.some((x) => x.userId === c.userId);
                            form.setFieldValue(
                              'members',
                              rowsNow.map((r, i) =>
                                i === index ? { ...r, decl: has ? 'keep' : undefined, conflicts: [] } : r,
                              ),
                            );
                          }}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'role']} label="角色" style={{ marginBottom: 8 }}>
                        <Radio.Group
                          optionType="button"
                          buttonStyle="solid"
                          size="large"
                          options={[
                            { value: 'leader', label: '组长' },
                            { value: 'member', label: '组员' },
                          ]}
                          onChange={(e) => {
                            if (e.target.value === 'leader') makeLeader(index);
                          }}
                        />
                      </Form.Item>
                    </Space>
                    <Form.Item
                      name={[field.name, 'decl']}
                      label="利害关系声明"
                      rules={[{ required: true, message: '请登记该人员的利害关系声明' }]}
                      style={{ marginBottom: 8 }}
                      extra={
                        existing
                          ? `已登记：${existing.hasConflict ? `存在利害关系（${existing.conflicts.join('；')}）` : '无利害关系'}${existing.note ? `，${existing.note}` : ''}`
                          : undefined
                      }
                    >
                      <Radio.Group
                        optionType="button"
                        buttonStyle="solid"
                        size="large"
                        options={[
                          ...(existing ? [{ value: 'keep', label: '沿用已登记的声明' }] : []),
                          { value: 'none', label: '无利害关系' },
                          { value: 'conflict', label: '存在利害关系' },
                        ]}
                      />
                    </Form.Item>
                    {row?.decl === 'conflict' && (
                      <Form.Item
                        name={[field.name, 'conflicts']}
                        label="利害关系情形"
                        rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一项情形' }]}
                        style={{ marginBottom: 8 }}
                      >
                        <Checkbox.Group
                          options={DECLARATION_QUESTIONS.map((q) => ({ value: q.key, label: q.label }))}
                        />
                      </Form.Item>
                    )}
                    {(row?.decl === 'conflict' || row?.decl === 'none') && (
                      <Form.Item
                        name={[field.name, 'note']}
                        label="声明说明"
                        style={{ marginBottom: 0 }}
                        rules={
                          row?.decl === 'conflict'
                            ? [{ required: true, whitespace: true, message: '请说明具体情况' }]
                            : []
                        }
                      >
                        <Input maxLength={1000} placeholder="代为登记的依据或具体情况" />
                      </Form.Item>
                    )}
                  </Card>
                );
              })}
              {fields.length < MAX && (
                <Button
                  type="dashed"
                  block
                  size="large"
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: 'member', conflicts: [] })}
                >
                  添加组员（最多 {MAX} 人）
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

/** The team rules the form breaks now (the same rules the server applies). */
function checkTeam(
  rows: MemberRow[],
  people: Map<string, Person>,
  declOf: (userId: string | undefined) => { hasConflict: boolean } | undefined,
  observerUserId: string | null,
): string[] {
  const out: string[] = [];
  const chosen = rows.filter((r) => r?.userId);
  if (rows.length < MIN || rows.length > MAX)
    out.push(`审查组应由 ${MIN} 至 ${MAX} 名核查人员组成（当前 ${rows.length} 人）`);
  const leaders = rows.filter((r) => r?.role === 'leader');
  if (leaders.length !== 1)
    out.push(leaders.length === 0 ? '须指定 1 名组长' : `只能有 1 名组长（当前 ${leaders.length} 名）`);
  const seen = new Set<string>();
  for (const r of chosen) {
    const p = people.get(r.userId!);
    const name = p?.name ?? '';
    if (seen.has(r.userId!)) out.push(`“${name}”重复出现`);
    seen.add(r.userId!);
    if (r.role === 'leader' && p?.canLead === false) out.push(`“${name}”没有实地核查权限，不能担任组长`);
    if (r.userId === observerUserId) out.push(`“${name}”已是本次核查的观察员，不能同时担任审查组成员`);
    const conflict =
      r.decl === 'conflict' || (r.decl === 'keep' && (declOf(r.userId)?.hasConflict ?? p?.conflict ?? false));
    if (conflict) out.push(`“${name}”存在利害关系，应当回避`);
  }
  const orgs = new Set(chosen.map((r) => people.get(r.userId!)?.orgId).filter(Boolean));
  if (chosen.length >= MIN && chosen.length === rows.length && orgs.size === 1)
    out.push('审查组成员不得全部来自同一单位');
  return out;
}

/** A person picker over the team candidates (searched on the server by name, username or unit). */
function PersonSelect(props: {
  taskId: string;
  people: Map<string, Person>;
  value?: string;
  onChange?: (v: string) => void;
  onPick: (c: TeamCandidate) => void;
  id?: string;
}) {
  const [search, setSearch] = useState('');
  const keyword = useDebounced(search.trim(), 300);
  const q = useQuery({
    queryKey: candidatesKey(props.taskId, keyword),
    queryFn: () => fetchCandidates(props.taskId, keyword),
    staleTime: 60_000,
  });
  const items = q.data?.items ?? [];
  const current = props.value ? props.people.get(props.value) : undefined;
  // The chosen person stays among the options (after the search results) so that the field shows their name.
  const options = [
    ...items.map((c) => ({ value: c.userId, label: `${c.name}（${c.orgName}）`, c })),
    ...(current && !items.some((c) => c.userId === current.userId)
      ? [{ value: current.userId, label: `${current.name}（${current.orgName}）`, c: undefined }]
      : []),
  ];
  return (
    <Select
      id={props.id}
      size="large"
      style={{ width: 420, maxWidth: '100%' }}
      placeholder="输入姓名、用户名或单位查找"
      value={props.value}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={q.isFetching}
      notFoundContent={q.isError ? errorText(q.error) : q.isFetching ? '加载中…' : '没有符合条件的人员'}
      options={options}
      onChange={(v: string, o) => {
        const c = (Array.isArray(o) ? o[0] : o)?.c;
        if (c) props.onPick(c);
        props.onChange?.(v);
      }}
      optionRender={(o) => {
        const c = o.data.c;
        if (!c) return o.label;
        return (
          <Space size={4} wrap>
            <span>{c.name}</span>
            <Typography.Text type="secondary">
              {c.username} · {c.orgName}
            </Typography.Text>
            {c.canLead && <Tag color="gold">可任组长</Tag>}
            {c.conflict && <Tag color="error">已声明利害关系</Tag>}
          </Space>
        );
      }}
    />
  );
}
