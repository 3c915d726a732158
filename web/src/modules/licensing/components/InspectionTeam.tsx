import { SafetyOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useAuth } from '../../../app/auth';
import { useErrorHandler } from '../../../components/errors';
import { InspectionTeamEditor } from './InspectionTeamEditor';
import {
  DECLARATION_QUESTIONS,
  ROLE_COLOR,
  fmtTime,
  isOpen,
  useApplyDetail,
  type InspectionDeclaration,
  type InspectionDetail,
  type InspectionMember,
} from './InspectionShared';

type DeclareBody =
  paths['/api/licensing/inspections/{id}/declarations']['post']['requestBody']['content']['application/json'];

/** A declaration in a few words: 无利害关系 / 存在利害关系（…） / 未声明. */
export function DeclarationSummary({ decl }: { decl: InspectionDeclaration | null | undefined }) {
  if (!decl) return <Tag color="warning">未声明</Tag>;
  return (
    <Space orientation="vertical" size={0}>
      {decl.hasConflict ? (
        <span>
          <Tag color="error">存在利害关系</Tag>
          <Typography.Text type="danger">{decl.conflicts.join('；')}</Typography.Text>
        </span>
      ) : (
        <Tag color="success">无利害关系</Tag>
      )}
      {decl.note && <Typography.Text type="secondary">说明：{decl.note}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {decl.declaredBy && decl.declaredBy !== decl.name ? `${decl.declaredBy} 代为登记，` : '本人声明，'}
        {fmtTime(decl.declaredAt)}
      </Typography.Text>
    </Space>
  );
}

const SOURCE_LABEL = { manual: '人工指派', draw: '随机抽取' } as const;

/**
 * 审查组: the 组长 and 组员 with their declarations, the observer, the rules the team breaks now; officers
 * (licensing:inspect) form or change the team; anyone on the task registers their own declaration.
 */
export function InspectionTeam({ d }: { d: InspectionDetail }) {
  const { me } = useAuth();
  const [editing, setEditing] = useState(false);
  const [declaring, setDeclaring] = useState(false);
  const mine = d.declarations.find((x) => x.userId === me?.id);
  const canDeclare = isOpen(d.status) && (d.my.role !== null || d.my.canManage);

  const memberColumns = [
    {
      key: 'role',
      title: '角色',
      width: 80,
      render: (_: unknown, m: InspectionMember) => <Tag color={ROLE_COLOR[m.role]}>{m.roleLabel}</Tag>,
    },
    {
      key: 'name',
      title: '姓名',
      render: (_: unknown, m: InspectionMember) => (
        <Space orientation="vertical" size={0}>
          <span style={{ fontWeight: 500 }}>{m.name}</span>
          <Typography.Text type="secondary">{m.orgName}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'decl',
      title: '利害关系声明',
      render: (_: unknown, m: InspectionMember) => <DeclarationSummary decl={m.declaration} />,
    },
    {
      key: 'assigned',
      title: '指派',
      render: (_: unknown, m: InspectionMember) => (
        <Space orientation="vertical" size={0}>
          <span>{SOURCE_LABEL[m.source]}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {fmtTime(m.assignedAt)}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <TeamOutlined />
            审查组
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {d.team.length} 人（2–4 人，组长 1 名，不得全部来自同一单位）
            </Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            {canDeclare && (
              <Button icon={<SafetyOutlined />} onClick={() => setDeclaring(true)}>
                {mine ? '更新本人声明' : '登记本人声明'}
              </Button>
            )}
            {d.my.canManage && (
              <Button type="primary" onClick={() => setEditing(true)}>
                {d.team.length ? '调整审查组' : '组建审查组'}
              </Button>
            )}
          </Space>
        }
      >
        {d.teamProblems.length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title="审查组不符合要求，须调整后组长才能作出核查结论"
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {d.teamProblems.map((p) => (
                  <li key={`${p.code}-${p.field}-${p.message}`}>{p.message}</li>
                ))}
              </ul>
            }
          />
        )}
        <Table<InspectionMember>
          rowKey="userId"
          size="middle"
          pagination={false}
          dataSource={[...d.team, ...(d.observer ? [d.observer] : [])]}
          columns={memberColumns}
          locale={{ emptyText: d.my.canManage ? '尚未组建审查组，请点击“组建审查组”' : '尚未组建审查组' }}
        />
        {d.observer && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            观察员不是审查组成员，不计入审查组人数（《办法》第十七条第二款）。
          </Typography.Paragraph>
        )}
      </Card>
      {d.declarations.length > 0 && (
        <Card title="利害关系声明记录" size="small">
          <Table<InspectionDeclaration>
            rowKey="userId"
            size="small"
            pagination={false}
            dataSource={d.declarations}
            columns={[
              { key: 'name', title: '姓名', dataIndex: 'name', width: 120 },
              {
                key: 'decl',
                title: '声明（每人以最近一次为准）',
                render: (_: unknown, x) => <DeclarationSummary decl={x} />,
              },
            ]}
          />
        </Card>
      )}
      {editing && <InspectionTeamEditor d={d} onClose={() => setEditing(false)} />}
      {declaring && <DeclarationModal d={d} current={mine} onClose={() => setDeclaring(false)} />}
    </Space>
  );
}

type DeclarationForm = Record<'employed' | 'consulted' | 'related' | 'other', boolean | undefined> & {
  note?: string;
};

/** 本人利害关系声明 (POST /declarations without userId): the four questions answered 是 / 否, and a note. */
function DeclarationModal(props: {
  d: InspectionDetail;
  current: InspectionDeclaration | undefined;
  onClose: () => void;
}) {
  const { d, current } = props;
  const [form] = Form.useForm<DeclarationForm>();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const applyDetail = useApplyDetail();
  const [busy, setBusy] = useState(false);
  const values = Form.useWatch([], form) as DeclarationForm | undefined;
  const anyYes = DECLARATION_QUESTIONS.some((q) => values?.[q.key] === true);

  async function submit() {
    const v = await form.validateFields().catch(() => undefined);
    if (!v) return;
    const body: DeclareBody = {
      employed: !!v.employed,
      consulted: !!v.consulted,
      related: !!v.related,
      other: !!v.other,
      note: v.note?.trim() || null,
    };
    setBusy(true);
    try {
      applyDetail(
        await call(
          api.POST('/api/licensing/inspections/{id}/declarations', { params: { path: { id: d.id } }, body }),
        ),
      );
      void message.success('利害关系声明已登记');
      props.onClose();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`利害关系声明 — ${d.enterpriseName ?? ''}`}
      okText="提交声明"
      okButtonProps={{ loading: busy, size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
      onOk={() => void submit()}
      onCancel={props.onClose}
      width={640}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        本人就参加本次实地核查，对与被核查企业的关系作如下声明（每项须作答）：
      </Typography.Paragraph>
      <Form<DeclarationForm>
        form={form}
        layout="vertical"
        initialValues={
          current
            ? {
                employed: current.employed,
                consulted: current.consulted,
                related: current.related,
                other: current.other,
                note: current.note ?? '',
              }
            : {}
        }
      >
        {DECLARATION_QUESTIONS.map((q) => (
          <Form.Item
            key={q.key}
            name={q.key}
            label={q.label}
            rules={[{ required: true, message: '请选择“是”或“否”' }]}
          >
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              size="large"
              options={[
                { value: false, label: '否', style: { minWidth: 88, textAlign: 'center' } },
                { value: true, label: '是', style: { minWidth: 88, textAlign: 'center' } },
              ]}
            />
          </Form.Item>
        ))}
        <Form.Item
          name="note"
          label="说明"
          rules={[
            {
              validator: (_r, v: string | undefined) =>
                anyYes && !v?.trim()
                  ? Promise.reject(new Error('存在利害关系的，请说明具体情况'))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
      {anyYes && (
        <Alert
          type="warning"
          showIcon
          title="存在利害关系的人员应当回避，不能担任本任务的审查组成员或观察员。"
        />
      )}
    </Modal>
  );
}
