import { CheckCircleFilled, CloseCircleFilled, ThunderboltOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { errorText, useErrorHandler } from '../../../components/errors';
import { indexRegions, useRegionTree } from '../../../components/RegionPicker';
import { fmtTime, inspectionKey, useRefreshInspection, type InspectionDetail } from './InspectionShared';

type Pool =
  paths['/api/licensing/inspections/{id}/observer/candidates']['get']['responses']['200']['content']['application/json'];
type Draw =
  paths['/api/licensing/inspections/{id}/observer/draws/{drawId}']['get']['responses']['200']['content']['application/json'];
type Replay =
  paths['/api/licensing/inspections/{id}/observer/draws/{drawId}/replay']['get']['responses']['200']['content']['application/json'];

const poolKey = (id: string) => [...inspectionKey(id), 'observer', 'pool'] as const;
const drawsKey = (id: string) => [...inspectionKey(id), 'observer', 'draws'] as const;

/**
 * 观察员 (licensing:observer, the task in the user's jurisdiction): the current observer, the pool with the people
 * left out and why, 随机抽取 (recorded with seed and algorithm), 人工指派 from the pool, 撤销, and the draw records
 * with 复算 (recomputing a draw from its record must pick the same person).
 */
export function InspectionObserver({ d }: { d: InspectionDetail }) {
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  const refresh = useRefreshInspection();
  const [busy, setBusy] = useState<string | null>(null);
  const [manual, setManual] = useState<string>();
  const [drawn, setDrawn] = useState<Draw | null>(null);
  const [replay, setReplay] = useState<{ draw: Draw; result: Replay } | null>(null);
  const regions = useRegionTree();
  const regionIndex = regions.data ? indexRegions(regions.data.items) : undefined;
  const path = { params: { path: { id: d.id } } };
  const canAct = d.my.canAssignObserver;

  const pool = useQuery({
    queryKey: poolKey(d.id),
    queryFn: () => call(api.GET('/api/licensing/inspections/{id}/observer/candidates', path)),
  });
  const draws = useQuery({
    queryKey: drawsKey(d.id),
    queryFn: () => call(api.GET('/api/licensing/inspections/{id}/observer/draws', path)),
  });

  async function after() {
    await refresh(d.id);
    void qc.invalidateQueries({ queryKey: poolKey(d.id) });
    void qc.invalidateQueries({ queryKey: drawsKey(d.id) });
  }

  /** Someone changed the task meanwhile (INSPECTION_VERSION_CONFLICT): say so and show the current state. */
  async function failed(e: unknown) {
    if (e instanceof ApiError && e.status === 409 && e.code === 'INSPECTION_VERSION_CONFLICT') {
      void message.warning(e.message, 6);
      await after();
      return;
    }
    onError(e);
  }

  function doDraw(p: Pool) {
    modal.confirm({
      title: '随机抽取观察员',
      content: (
        <>
          <p>
            将从 {p.candidates.length} 名候选人员中随机抽取 1 名观察员
            {d.observer ? `，现任观察员“${d.observer.name}”将被替换` : ''}。
          </p>
          <p>
            抽取使用的随机种子、算法和候选名单将被完整记录，可随时复算核验。抽取结果不能撤回，只能重新抽取或撤销。
          </p>
        </>
      ),
      okText: '确认抽取',
      onOk: async () => {
        setBusy('draw');
        try {
          const r = await call(
            api.POST('/api/licensing/inspections/{id}/observer/draw', {
              ...path,
              body: { expectedVersion: d.version },
            }),
          );
          setDrawn(r);
          await after();
        } catch (e) {
          await failed(e);
        } finally {
          setBusy(null);
        }
      },
    });
  }

  function doAssign(p: Pool) {
    const person = p.candidates.find((c) => c.userId === manual);
    if (!person) return;
    modal.confirm({
      title: '人工指派观察员',
      content: `指派“${person.name}（${person.orgName}）”为本次核查的观察员${d.observer ? `，替换现任观察员“${d.observer.name}”` : ''}。`,
      okText: '确认指派',
      onOk: async () => {
        setBusy('assign');
        try {
          await call(
            api.PUT('/api/licensing/inspections/{id}/observer', {
              ...path,
              body: { userId: person.userId, expectedVersion: d.version },
            }),
          );
          void message.success(`已指派观察员：${person.name}`);
          setManual(undefined);
          await after();
        } catch (e) {
          await failed(e);
        } finally {
          setBusy(null);
        }
      },
    });
  }

  function doRemove() {
    if (!d.observer) return;
    modal.confirm({
      title: '撤销观察员',
      content: `撤销“${d.observer.name}”的观察员指派？抽取记录将保留。`,
      okText: '撤销',
      okButtonProps: { danger: true },
      onOk: async () => {
        setBusy('remove');
        try {
          await call(
            api.DELETE('/api/licensing/inspections/{id}/observer', {
              params: { path: { id: d.id }, query: { expectedVersion: d.version } },
            }),
          );
          void message.success('已撤销观察员');
          await after();
        } catch (e) {
          await failed(e);
        } finally {
          setBusy(null);
        }
      },
    });
  }

  async function doReplay(draw: Draw) {
    setBusy(`replay:${draw.id}`);
    try {
      const result = await call(
        api.GET('/api/licensing/inspections/{id}/observer/draws/{drawId}/replay', {
          params: { path: { id: d.id, drawId: draw.id } },
        }),
      );
      setReplay({ draw, result });
    } catch (e) {
      onError(e);
    } finally {
      setBusy(null);
    }
  }

  const regionNames = (codes: string[]) => codes.map((c) => regionIndex?.get(c)?.name ?? c).join('、') || '—';

  const o = d.observer;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="现任观察员"
        extra={
          canAct &&
          o && (
            <Button danger loading={busy === 'remove'} onClick={doRemove}>
              撤销观察员
            </Button>
          )
        }
      >
        {o ? (
          <Descriptions
            size="small"
            bordered
            column={2}
            items={[
              { key: 'name', label: '姓名', children: o.name },
              { key: 'org', label: '单位', children: o.orgName },
              {
                key: 'source',
                label: '产生方式',
                children: o.source === 'draw' ? <Tag color="purple">随机抽取</Tag> : <Tag>人工指派</Tag>,
              },
              { key: 'at', label: '指派时间', children: fmtTime(o.assignedAt) },
            ]}
          />
        ) : (
          <Empty description="尚未指派观察员" />
        )}
        {!canAct && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {d.status === 'concluded' || d.status === 'cancelled'
              ? '核查任务已结束，不能再调整观察员。'
              : '本任务不在您的辖区范围内，不能调整观察员。'}
          </Typography.Paragraph>
        )}
      </Card>

      <Card title="抽取范围">
        {pool.isLoading && <Typography.Text type="secondary">加载中…</Typography.Text>}
        {pool.error && <Alert type="error" showIcon title={errorText(pool.error)} />}
        {pool.data && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Alert type="info" showIcon title={pool.data.note} />
            <div>
              辖区：{regionNames(pool.data.poolRegions)}；候选 <b>{pool.data.candidates.length}</b> 人，已排除{' '}
              <b>{pool.data.excluded.length}</b> 人
            </div>
            {canAct && (
              <Space wrap>
                <Button
                  type="primary"
                  size="large"
                  icon={<ThunderboltOutlined />}
                  disabled={pool.data.candidates.length === 0}
                  loading={busy === 'draw'}
                  onClick={() => doDraw(pool.data)}
                >
                  随机抽取
                </Button>
                <Select
                  size="large"
                  style={{ width: 320, maxWidth: '100%' }}
                  placeholder="人工指派：从候选人员中选择"
                  value={manual}
                  onChange={setManual}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={pool.data.candidates.map((c) => ({
                    value: c.userId,
                    label: `${c.name}（${c.orgName}）`,
                  }))}
                />
                <Button
                  size="large"
                  disabled={!manual}
                  loading={busy === 'assign'}
                  onClick={() => doAssign(pool.data)}
                >
                  人工指派
                </Button>
              </Space>
            )}
            <Table
              size="small"
              rowKey="userId"
              pagination={pool.data.candidates.length > 10 ? { pageSize: 10, size: 'small' } : false}
              dataSource={pool.data.candidates}
              columns={[
                { key: 'i', title: '序号', width: 64, render: (_: unknown, _r, i) => i + 1 },
                { key: 'name', title: '候选人员', dataIndex: 'name' },
                { key: 'org', title: '单位', dataIndex: 'orgName' },
              ]}
              locale={{ emptyText: '辖区内没有可抽取的人员' }}
            />
            {pool.data.excluded.length > 0 && (
              <>
                <Typography.Text strong>已排除的人员</Typography.Text>
                <Table
                  size="small"
                  rowKey="userId"
                  pagination={false}
                  dataSource={pool.data.excluded}
                  columns={[
                    { key: 'name', title: '姓名', dataIndex: 'name' },
                    { key: 'org', title: '单位', dataIndex: 'orgName' },
                    {
                      key: 'reason',
                      title: '排除原因',
                      dataIndex: 'reasonLabel',
                      render: (v: string) => <Tag color="default">{v}</Tag>,
                    },
                  ]}
                />
              </>
            )}
          </Space>
        )}
      </Card>

      <Card title="抽取记录">
        {draws.error && <Alert type="error" showIcon title={errorText(draws.error)} />}
        <Table<Draw>
          size="small"
          rowKey="id"
          loading={draws.isLoading}
          pagination={false}
          dataSource={[...(draws.data?.items ?? [])].reverse()}
          locale={{ emptyText: '尚无抽取记录' }}
          scroll={{ x: 'max-content' }}
          expandable={{
            expandedRowRender: (r) => <DrawDetail draw={r} regionNames={regionNames} />,
          }}
          columns={[
            { key: 'at', title: '抽取时间', render: (_: unknown, r) => fmtTime(r.drawnAt) },
            { key: 'by', title: '抽取人', render: (_: unknown, r) => r.drawnBy ?? '—' },
            {
              key: 'picked',
              title: '抽中人员',
              render: (_: unknown, r) => (
                <span>
                  {r.pickedName ?? r.pickedUserId}
                  <Typography.Text type="secondary">
                    （第 {r.pickedIndex + 1} 位 / 共 {r.candidates.length} 人）
                  </Typography.Text>
                </span>
              ),
            },
            {
              key: 'seed',
              title: '随机种子',
              render: (_: unknown, r) => (
                <Typography.Text code copyable={{ text: r.seed }} style={{ fontSize: 12 }}>
                  {r.seed.slice(0, 12)}…
                </Typography.Text>
              ),
            },
            {
              key: 'actions',
              title: '操作',
              fixed: 'right',
              render: (_: unknown, r) => (
                <Button size="middle" loading={busy === `replay:${r.id}`} onClick={() => void doReplay(r)}>
                  复算
                </Button>
              ),
            },
          ]}
        />
      </Card>

      {drawn && (
        <Modal
          open
          title="抽取结果"
          onCancel={() => setDrawn(null)}
          footer={
            <Button type="primary" size="large" onClick={() => setDrawn(null)}>
              知道了
            </Button>
          }
          width={640}
        >
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              <span style={{ fontSize: 16 }}>
                抽中：<b>{drawn.pickedName}</b>（{drawn.candidates[drawn.pickedIndex]?.orgName ?? ''}）
              </span>
            }
          />
          <DrawDetail draw={drawn} regionNames={regionNames} />
        </Modal>
      )}
      {replay && <ReplayModal {...replay} onClose={() => setReplay(null)} />}
    </Space>
  );
}

/** The record of one draw: algorithm, seed, pool and exclusions, pick. */
function DrawDetail({ draw, regionNames }: { draw: Draw; regionNames: (codes: string[]) => string }) {
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: 'alg',
            label: '抽取算法',
            children: <Typography.Text code>{draw.algorithm}</Typography.Text>,
          },
          {
            key: 'seed',
            label: '随机种子',
            children: (
              <Typography.Text code copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {draw.seed}
              </Typography.Text>
            ),
          },
          { key: 'regions', label: '抽取范围', children: regionNames(draw.poolRegions) },
          {
            key: 'pick',
            label: '抽取结果',
            children: `第 ${draw.pickedIndex + 1} 位（共 ${draw.candidates.length} 人）：${draw.pickedName ?? draw.pickedUserId}`,
          },
          {
            key: 'by',
            label: '抽取人 / 时间',
            children: `${draw.drawnBy ?? '—'} / ${fmtTime(draw.drawnAt)}`,
          },
        ]}
      />
      <div>
        <Typography.Text strong>候选名单（按抽取顺序）：</Typography.Text>
        <div style={{ marginTop: 4 }}>
          {draw.candidates.map((c, i) => (
            <Tag
              key={c.userId}
              color={i === draw.pickedIndex ? 'purple' : undefined}
              style={{ marginBottom: 4 }}
            >
              {i + 1}. {c.name}（{c.orgName}）
            </Tag>
          ))}
        </div>
      </div>
      {draw.excluded.length > 0 && (
        <div>
          <Typography.Text strong>排除：</Typography.Text>
          {draw.excluded.map((e) => (
            <Tag key={e.userId} style={{ marginBottom: 4 }}>
              {e.name}：{e.reasonLabel}
            </Tag>
          ))}
        </div>
      )}
    </Space>
  );
}

/** The recomputation of a draw next to its record. */
function ReplayModal({ draw, result, onClose }: { draw: Draw; result: Replay; onClose: () => void }) {
  const nameOf = (userId: string) => draw.candidates.find((c) => c.userId === userId)?.name ?? userId;
  return (
    <Modal
      open
      title="复算抽取结果"
      onCancel={onClose}
      footer={
        <Button type="primary" size="large" onClick={onClose}>
          关闭
        </Button>
      }
      width={640}
    >
      <Alert
        type={result.matches ? 'success' : 'error'}
        showIcon
        icon={result.matches ? <CheckCircleFilled /> : <CloseCircleFilled />}
        style={{ marginBottom: 12 }}
        title={result.matches ? '复算结果与抽取记录一致' : '复算结果与抽取记录不一致，请立即核查'}
        data-testid="replay-result"
      />
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          { key: 'alg', label: '算法', children: <Typography.Text code>{result.algorithm}</Typography.Text> },
          {
            key: 'seed',
            label: '随机种子',
            children: (
              <Typography.Text code style={{ wordBreak: 'break-all', fontSize: 12 }}>
                {result.seed}
              </Typography.Text>
            ),
          },
          { key: 'n', label: '候选人数', children: result.candidateIds.length },
          {
            key: 'stored',
            label: '记录的结果',
            children: `第 ${result.storedIndex + 1} 位：${nameOf(result.storedUserId)}`,
          },
          {
            key: 'replayed',
            label: '复算的结果',
            children: `第 ${result.replayedIndex + 1} 位：${nameOf(result.replayedUserId)}`,
          },
        ]}
      />
    </Modal>
  );
}
