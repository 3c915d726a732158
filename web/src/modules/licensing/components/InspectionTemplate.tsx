import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Select, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { useState } from 'react';
import { api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useErrorHandler } from '../../../components/errors';
import { RESULT_LABEL, useApplyDetail, useDebounced, type InspectionDetail } from './InspectionShared';
import { ruleText } from './InspectionSuggestion';

type TemplateItem =
  paths['/api/licensing/checklist-templates']['get']['responses']['200']['content']['application/json']['items'][number];

/** 核查模板: the template snapshot the task records against, and (before anything is recorded) choosing one. */
export function InspectionTemplate({ d }: { d: InspectionDetail }) {
  const t = d.template;
  const locked = d.records.length > 0;
  const items: DescriptionsProps['items'] = t
    ? [
        {
          key: 'name',
          label: '模板名称',
          span: 2,
          children: (
            <Space size={4} wrap>
              {t.name}
              {t.isExample && <Tag color="orange">示例模板</Tag>}
            </Space>
          ),
        },
        { key: 'code', label: '模板编号', children: t.code },
        { key: 'version', label: '版本', children: `第 ${t.version} 版（本任务保存的快照）` },
        { key: 'doc', label: '实施细则文号', children: t.ruleDocNo ?? '—' },
        { key: 'from', label: '施行日期', children: t.effectiveFrom ?? '—' },
        {
          key: 'results',
          label: '可选判定',
          children: t.allowedResults.map((r) => <Tag key={r}>{RESULT_LABEL[r]}</Tag>),
        },
        {
          key: 'size',
          label: '章节与条款',
          children: `${t.chapters.length} 章，${t.chapters.reduce((n, c) => n + c.items.length, 0)} 条（否决项 ${t.chapters.reduce((n, c) => n + c.items.filter((i) => i.veto).length, 0)} 条）`,
        },
        {
          key: 'rules',
          label: '判定规则',
          span: 2,
          children: (
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {ruleText(t).map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          ),
        },
        ...(t.description ? [{ key: 'desc', label: '说明', span: 2, children: t.description } as const] : []),
      ]
    : [];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="当前核查模板">
        {t ? (
          <Descriptions
            bordered
            size="small"
            column={2}
            items={items}
            styles={{ label: { whiteSpace: 'nowrap' } }}
          />
        ) : (
          <Empty
            description={
              d.my.canManage
                ? '尚未选定核查模板，请在下方选定'
                : '尚未选定核查模板，请联系承办机构选定后再填写核查记录'
            }
          />
        )}
      </Card>
      {d.my.canManage && (
        <Card title={t ? '更换核查模板' : '选定核查模板'}>
          {locked ? (
            <Alert type="info" showIcon title="已有核查记录，不能更换核查模板。" />
          ) : (
            <TemplateChooser d={d} />
          )}
        </Card>
      )}
    </Space>
  );
}

function TemplateChooser({ d }: { d: InspectionDetail }) {
  const { modal, message } = App.useApp();
  const onError = useErrorHandler();
  const applyDetail = useApplyDetail();
  const [search, setSearch] = useState('');
  const keyword = useDebounced(search.trim(), 300);
  const [chosen, setChosen] = useState<string>();
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['licensing', 'checklist-templates', 'published', keyword],
    queryFn: () =>
      call(
        api.GET('/api/licensing/checklist-templates', {
          params: { query: { status: 'published', pageSize: 100, keyword: keyword || undefined } },
        }),
      ),
    staleTime: 60_000,
  });
  const fits = (x: TemplateItem) => x.productUnitId === d.productUnitId || x.varietyId === d.productUnitId;
  const options = [...(q.data?.items ?? [])]
    .sort((a, b) => Number(fits(b)) - Number(fits(a)))
    .map((x) => ({ value: x.id, item: x, label: `${x.code} 第 ${x.version} 版 ${x.name}` }));
  const picked = options.find((o) => o.value === chosen)?.item;

  function confirm() {
    if (!picked) return;
    modal.confirm({
      title: '选定核查模板',
      content: `将以“${picked.code} 第 ${picked.version} 版 ${picked.name}”作为本任务的核查依据（保存当前版本快照）。开始填写核查记录后不能再更换。`,
      okText: '确定选用',
      onOk: async () => {
        setBusy(true);
        try {
          const next = await call(
            api.PUT('/api/licensing/inspections/{id}/template', {
              params: { path: { id: d.id } },
              body: { templateId: picked.id },
            }),
          );
          applyDetail(next);
          setChosen(undefined);
          void message.success('已选定核查模板');
        } catch (e) {
          onError(e);
        } finally {
          setBusy(false);
        }
      },
    });
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">
        只能选用已发布的模板；标“适用本产品”的模板已关联本申请的产品。
      </Typography.Text>
      <Space wrap style={{ width: '100%' }}>
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch }}
          size="large"
          style={{ width: 520, maxWidth: '100%' }}
          placeholder="输入模板编号或名称查找"
          loading={q.isFetching}
          value={chosen}
          onChange={setChosen}
          notFoundContent={q.isFetching ? '加载中…' : '没有已发布的模板'}
          options={options}
          optionRender={(o) => {
            const x = o.data.item;
            return (
              <Space size={4} wrap>
                <span>
                  {x.code} 第 {x.version} 版
                </span>
                <span>{x.name}</span>
                {fits(x) && <Tag color="green">适用本产品</Tag>}
                {x.isExample && <Tag color="orange">示例</Tag>}
                <Typography.Text type="secondary">
                  {x.itemCount} 条 / 否决项 {x.vetoCount}
                </Typography.Text>
              </Space>
            );
          }}
        />
        <Button type="primary" size="large" disabled={!picked} loading={busy} onClick={confirm}>
          选定模板
        </Button>
      </Space>
      {picked && picked.id === d.template?.id && (
        <Typography.Text type="warning">
          该模板与当前模板相同，选定后将以其最新内容重新生成快照。
        </Typography.Text>
      )}
    </Space>
  );
}
