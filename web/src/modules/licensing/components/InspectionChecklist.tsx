import { SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Empty,
  Progress,
  Segmented,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, call } from '../../../api/client';
import type { paths } from '../../../api/schema';
import { useErrorHandler } from '../../../components/errors';
import {
  InspectionChecklistItem,
  itemAnchor,
  type ItemDraft,
  type ItemErrors,
} from './InspectionChecklistItem';
import {
  RESULT_LABEL,
  needsProblem,
  useApplyDetail,
  type ChecklistItem,
  type InspectionDetail,
  type ItemRecord,
  type ItemResult,
} from './InspectionShared';
import { SuggestionPanel, SuggestionTag } from './InspectionSuggestion';

type ItemsBody =
  paths['/api/licensing/inspections/{id}/items']['put']['requestBody']['content']['application/json'];
type ItemBody =
  paths['/api/licensing/inspections/{id}/items/{itemId}']['put']['requestBody']['content']['application/json'];

const ORDER: ItemResult[] = ['conform', 'basic', 'nonconform', 'na'];
const AUTOSAVE_KEY = 'samr:inspection:autosave';
const EMPTY: ItemDraft = {
  result: undefined,
  problem: '',
  rectification: '',
  evidenceFileIds: [],
  base: null,
};
/** The server refused a save because the record changed meanwhile (another member, or another device). */
const RECORD_CONFLICT = 'INSPECTION_RECORD_CONFLICT';
const FIELDS = ['result', 'problem', 'rectification', 'evidenceFileIds'] as const;

type Filter = 'all' | 'pending' | 'problem' | 'unsaved';

const fromRecord = (r: ItemRecord | undefined): ItemDraft =>
  r
    ? {
        result: r.result,
        problem: r.problem ?? '',
        rectification: r.rectification ?? '',
        evidenceFileIds: r.evidenceFileIds,
        base: r.recordedAt,
      }
    : EMPTY;

/** What a draft lacks before it may be saved (不符合 / 基本符合 need 问题描述 and 整改要求). */
function validate(v: ItemDraft): ItemErrors | undefined {
  const e: ItemErrors = {};
  if (!v.result) e.result = '请选择判定结果';
  if (needsProblem(v.result)) {
    if (!v.problem.trim())
      e.problem = `判为“${v.result === 'basic' ? '基本符合' : '不符合'}”时须填写问题描述`;
    if (!v.rectification.trim()) e.rectification = '请填写整改要求';
  }
  return Object.keys(e).length ? e : undefined;
}

const toBody = (v: ItemDraft): ItemBody => {
  const needs = needsProblem(v.result);
  return {
    result: v.result!,
    problem: needs ? v.problem.trim() : null,
    rectification: needs ? v.rectification.trim() : null,
    evidenceFileIds: v.evidenceFileIds,
    expectedRecordedAt: v.base,
  };
};

/** The results a template allows on an item (no 基本符合 on a 否决项 unless the template allows it). */
function optionsOf(d: InspectionDetail, item: ChecklistItem): ItemResult[] {
  const t = d.template!;
  return ORDER.filter(
    (r) => t.allowedResults.includes(r) && !(r === 'basic' && item.veto && !t.rules.vetoAllowsBasic),
  );
}

/**
 * 核查记录 on a tablet: the template chapter by chapter, one large row of result buttons per item, problem and
 * rectification for 不符合 / 基本符合, evidence; a choice that needs nothing else is saved at once (自动保存),
 * the rest on 保存 (one item, or every unsaved item in one request) from the bar that stays at the bottom.
 * Read-only for people who are not on the team, and once the task is concluded.
 */
export function InspectionChecklist(props: { d: InspectionDetail; onDirtyChange: (n: number) => void }) {
  const { d, onDirtyChange } = props;
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const applyDetail = useApplyDetail();
  const [drafts, setDrafts] = useState<Record<string, ItemDraft>>({});
  const [errors, setErrors] = useState<Record<string, ItemErrors>>({});
  const [saving, setSaving] = useState<Record<string, boolean>>({});
  const [bulk, setBulk] = useState(false);
  const [autoSave, setAutoSave] = useState(() => localStorage.getItem(AUTOSAVE_KEY) !== 'off');
  const [filter, setFilter] = useState<Filter>('all');
  const t = d.template;
  const readOnly = !d.my.canFill;

  const records = useMemo(() => new Map(d.records.map((r) => [r.itemId, r])), [d.records]);
  const chapters = t?.chapters ?? [];
  const allItems = useMemo(() => chapters.flatMap((c) => c.items), [chapters]);
  const firstOpen = () => {
    const pending = chapters.filter((c) => c.items.some((i) => !records.has(i.id))).map((c) => c.id);
    return pending.length ? pending : chapters.slice(0, 1).map((c) => c.id);
  };
  const [open, setOpen] = useState<string[]>(firstOpen);
  // Another template chosen meanwhile: its chapters, and no drafts of the old one's items.
  const templateId = t?.id;
  const shownTemplate = useRef(templateId);
  useEffect(() => {
    if (shownTemplate.current === templateId) return;
    shownTemplate.current = templateId;
    setOpen(firstOpen());
    setDrafts({});
    setErrors({});
  }, [templateId]);

  // The latest state for the stable callbacks the (memoised) items get.
  const latest = useRef({ drafts, records, autoSave, d });
  latest.current = { drafts, records, autoSave, d };
  const valueOf = useCallback(
    (id: string) => latest.current.drafts[id] ?? fromRecord(latest.current.records.get(id)),
    [],
  );

  const dirtyCount = Object.keys(drafts).length;
  useEffect(() => onDirtyChange(dirtyCount), [dirtyCount, onDirtyChange]);
  useEffect(() => {
    if (!dirtyCount) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirtyCount]);

  /**
   * Drops the drafts that were saved unchanged; a draft edited while saving stays, now based on the record
   * just saved (so its own save is not taken for someone else's).
   */
  const settle = (sent: Record<string, ItemDraft>, saved: InspectionDetail) => {
    const at = new Map(saved.records.map((r) => [r.itemId, r.recordedAt]));
    setDrafts((prev) => {
      const next = { ...prev };
      for (const [id, v] of Object.entries(sent)) {
        const cur = next[id];
        if (cur === v) delete next[id];
        else if (cur) next[id] = { ...cur, base: at.get(id) ?? cur.base };
      }
      return next;
    });
  };

  // One save of an item at a time: a save asked for meanwhile runs after it, from the latest draft.
  const inFlight = useRef(new Set<string>());
  const queued = useRef(new Set<string>());
  const [tick, setTick] = useState(0);

  /**
   * The record changed on the server since this draft began: say so (with what was typed, so it is not lost),
   * drop the draft and reload the task so the item shows the newer record.
   */
  const conflict = useCallback(
    async (id: string, e: ApiError, mine: ItemDraft) => {
      const typed = [
        mine.result ? `判定：${RESULT_LABEL[mine.result]}` : '',
        mine.problem.trim() ? `问题描述：${mine.problem.trim()}` : '',
        mine.rectification.trim() ? `整改要求：${mine.rectification.trim()}` : '',
      ].filter(Boolean);
      modal.warning({
        title: '该条核查记录已被他人修改',
        width: 520,
        content: (
          <Space orientation="vertical">
            <span>{e.message}</span>
            <Typography.Text type="secondary">已重新加载该条的最新记录，请核对后再修改。</Typography.Text>
            {typed.length > 0 && (
              <Typography.Paragraph copyable={{ text: typed.join('\n') }} style={{ marginBottom: 0 }}>
                您未保存的内容：
                {typed.map((x) => (
                  <div key={x}>{x}</div>
                ))}
              </Typography.Paragraph>
            )}
          </Space>
        ),
      });
      setDrafts((p) => {
        const n = { ...p };
        delete n[id];
        return n;
      });
      setErrors((p) => {
        const n = { ...p };
        delete n[id];
        return n;
      });
      try {
        applyDetail(
          await call(
            api.GET('/api/licensing/inspections/{id}', { params: { path: { id: latest.current.d.id } } }),
          ),
        );
      } catch (err) {
        onError(err);
      }
    },
    [applyDetail, modal, onError],
  );

  const fieldErrorOf = (e: unknown, prefix: RegExp): { index?: number; field: string } | undefined => {
    if (!(e instanceof ApiError) || !e.field) return undefined;
    const m = prefix.exec(e.field);
    if (!m) return undefined;
    const field = m[m.length - 1]!;
    if (!(FIELDS as readonly string[]).includes(field)) return undefined;
    return { index: m.length > 2 ? Number(m[1]) : undefined, field };
  };

  const saveOne = useCallback(
    async (id: string, v: ItemDraft) => {
      const bad = validate(v);
      if (bad) {
        setErrors((p) => ({ ...p, [id]: bad }));
        return;
      }
      if (inFlight.current.has(id)) {
        queued.current.add(id);
        return;
      }
      inFlight.current.add(id);
      setSaving((p) => ({ ...p, [id]: true }));
      try {
        const next = await call(
          api.PUT('/api/licensing/inspections/{id}/items/{itemId}', {
            params: { path: { id: latest.current.d.id, itemId: id } },
            body: toBody(v),
          }),
        );
        applyDetail(next);
        settle({ [id]: v }, next);
      } catch (e) {
        const f = fieldErrorOf(e, /^(result|problem|rectification|evidenceFileIds)$/);
        if (e instanceof ApiError && e.code === RECORD_CONFLICT) {
          queued.current.delete(id);
          void conflict(id, e, latest.current.drafts[id] ?? v);
        } else if (f) setErrors((p) => ({ ...p, [id]: { ...p[id], [f.field]: (e as ApiError).message } }));
        else onError(e);
      } finally {
        inFlight.current.delete(id);
        setSaving((p) => {
          const n = { ...p };
          delete n[id];
          return n;
        });
        if (queued.current.has(id)) setTick((n) => n + 1);
      }
    },
    [applyDetail, conflict, onError],
  );

  // Runs the saves asked for while the same item was saving, once the state after that save is rendered.
  useEffect(() => {
    for (const id of [...queued.current]) {
      if (inFlight.current.has(id)) continue;
      queued.current.delete(id);
      const v = latest.current.drafts[id];
      if (v && !validate(v)) void saveOne(id, v);
    }
  }, [tick, saveOne]);

  const onChange = useCallback(
    (id: string, patch: Partial<ItemDraft>) => {
      const next: ItemDraft = { ...valueOf(id), ...patch };
      setDrafts((p) => ({ ...p, [id]: next }));
      setErrors((p) => {
        if (!p[id]) return p;
        const rest = { ...p[id] };
        for (const k of Object.keys(patch)) delete rest[k as keyof ItemErrors];
        if ('result' in patch) delete rest.problem;
        return { ...p, [id]: rest };
      });
      // A choice that needs nothing more (符合, 不适用) or new evidence on a complete item is saved at once.
      if (latest.current.autoSave && ('result' in patch || 'evidenceFileIds' in patch) && !validate(next))
        void saveOne(id, next);
    },
    [valueOf, saveOne],
  );

  const onBlur = useCallback(
    (id: string) => {
      const v = latest.current.drafts[id];
      if (latest.current.autoSave && v && !validate(v)) void saveOne(id, v);
    },
    [saveOne],
  );

  const onSaveItem = useCallback(
    (id: string) => {
      const v = latest.current.drafts[id];
      if (v) void saveOne(id, v);
    },
    [saveOne],
  );

  async function saveAll() {
    const entries = Object.entries(drafts);
    if (!entries.length) return;
    if (inFlight.current.size) {
      void message.info('正在保存，请稍候再试');
      return;
    }
    const bad: Record<string, ItemErrors> = {};
    for (const [id, v] of entries) {
      const e = validate(v);
      if (e) bad[id] = e;
    }
    const badIds = Object.keys(bad);
    if (badIds.length) {
      setErrors((p) => ({ ...p, ...bad }));
      reveal(badIds[0]!);
      void message.warning(`有 ${badIds.length} 条记录填写不完整，请补充后再保存`);
      return;
    }
    const body: ItemsBody = { items: entries.map(([itemId, v]) => ({ itemId, ...toBody(v) })) };
    setBulk(true);
    try {
      const next = await call(
        api.PUT('/api/licensing/inspections/{id}/items', { params: { path: { id: d.id } }, body }),
      );
      applyDetail(next);
      settle(Object.fromEntries(entries), next);
      void message.success(`已保存 ${entries.length} 条核查记录`);
    } catch (e) {
      const f = fieldErrorOf(e, /^items\.(\d+)\.(\w+)$/);
      const id = f?.index !== undefined ? entries[f.index]?.[0] : undefined;
      const at = e instanceof ApiError ? /^items\.(\d+)\.expectedRecordedAt$/.exec(e.field ?? '') : null;
      const stale = at ? entries[Number(at[1])] : undefined;
      if (e instanceof ApiError && e.code === RECORD_CONFLICT && stale) {
        // Nothing of the batch was saved: the other items stay unsaved for the next 保存.
        reveal(stale[0]);
        void conflict(stale[0], e, stale[1]);
      } else if (f && id) {
        setErrors((p) => ({ ...p, [id]: { ...p[id], [f.field]: (e as ApiError).message } }));
        reveal(id);
        void message.error((e as ApiError).message);
      } else onError(e);
    } finally {
      setBulk(false);
    }
  }

  /** Opens the chapter of an item and scrolls it into view. */
  function reveal(itemId: string) {
    const ch = chapters.find((c) => c.items.some((i) => i.id === itemId));
    if (ch && !open.includes(ch.id)) setOpen((o) => [...o, ch.id]);
    setFilter('all');
    setTimeout(
      () =>
        document.getElementById(itemAnchor(itemId))?.scrollIntoView({ behavior: 'smooth', block: 'center' }),
      150,
    );
  }

  if (!t)
    return (
      <Card>
        <Empty description="尚未选定核查模板，选定后才能填写核查记录" />
      </Card>
    );

  const judgedLocal = allItems.filter((i) => (drafts[i.id] ?? fromRecord(records.get(i.id))).result).length;
  const visible = (i: ChecklistItem) => {
    const v = drafts[i.id] ?? fromRecord(records.get(i.id));
    if (filter === 'pending') return !v.result;
    if (filter === 'problem') return needsProblem(v.result);
    if (filter === 'unsaved') return !!drafts[i.id];
    return true;
  };

  const readOnlyReason =
    d.status === 'concluded'
      ? '核查已出结论，记录不能再修改。'
      : d.status === 'cancelled'
        ? '核查任务已取消。'
        : d.my.role === 'observer'
          ? '观察员不填写核查记录，可查看记录。'
          : '只有审查组成员（组长、组员）可以填写核查记录。';

  const collapseItems = chapters
    .map((c) => {
      const items = c.items.filter(visible);
      if (!items.length) return null;
      const vals = c.items.map((i) => drafts[i.id] ?? fromRecord(records.get(i.id)));
      const judged = vals.filter((v) => v.result).length;
      const nonconform = vals.filter((v) => v.result === 'nonconform').length;
      const basic = vals.filter((v) => v.result === 'basic').length;
      const unsaved = c.items.filter((i) => drafts[i.id]).length;
      return {
        key: c.id,
        label: (
          <Space wrap size={[8, 4]} style={{ fontSize: 16 }}>
            <span style={{ fontWeight: 600 }}>
              第 {c.seq} 章 {c.title}
            </span>
            <Tag color={judged === c.items.length ? 'success' : 'default'}>
              已判定 {judged}/{c.items.length}
            </Tag>
            {nonconform > 0 && <Tag color="error">不符合 {nonconform}</Tag>}
            {basic > 0 && <Tag color="warning">基本符合 {basic}</Tag>}
            {unsaved > 0 && <Tag color="orange">未保存 {unsaved}</Tag>}
          </Space>
        ),
        children: items.map((i) => (
          <InspectionChecklistItem
            key={i.id}
            item={i}
            value={drafts[i.id] ?? fromRecord(records.get(i.id))}
            record={records.get(i.id)}
            options={optionsOf(d, i)}
            errors={errors[i.id]}
            dirty={!!drafts[i.id]}
            saving={!!saving[i.id]}
            readOnly={readOnly}
            onChange={onChange}
            onBlur={onBlur}
            onSave={onSaveItem}
          />
        )),
      };
    })
    .filter((x) => x !== null);

  return (
    <div data-testid="inspection-checklist">
      {readOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={readOnlyReason} />}
      {d.suggestion && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <SuggestionPanel s={d.suggestion} template={t} />
          {dirtyCount > 0 && (
            <Typography.Text type="warning">
              统计和建议结论按已保存的记录计算，还有 {dirtyCount} 条未保存。
            </Typography.Text>
          )}
        </Card>
      )}
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Segmented<Filter>
          size="large"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: '全部' },
            { value: 'pending', label: '未判定' },
            { value: 'problem', label: '问题项' },
            ...(readOnly ? [] : [{ value: 'unsaved' as const, label: `未保存（${dirtyCount}）` }]),
          ]}
        />
        <Space>
          <Button size="large" onClick={() => setOpen(chapters.map((c) => c.id))}>
            全部展开
          </Button>
          <Button size="large" onClick={() => setOpen([])}>
            全部收起
          </Button>
        </Space>
      </Space>
      {collapseItems.length ? (
        <Collapse
          activeKey={open}
          onChange={(k) => setOpen(Array.isArray(k) ? k : [k])}
          items={collapseItems}
          size="large"
        />
      ) : (
        <Card>
          <Empty description="没有符合筛选条件的条款" />
        </Card>
      )}
      {!readOnly && (
        <div
          data-testid="checklist-save-bar"
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 20,
            marginTop: 16,
            padding: '10px 16px',
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            boxShadow: '0 -2px 8px rgba(0,0,0,0.08)',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            flexWrap: 'wrap',
          }}
        >
          <div style={{ flex: '0 1 170px', minWidth: 110 }}>
            <Progress
              percent={allItems.length ? Math.round((judgedLocal / allItems.length) * 100) : 0}
              format={() => `${judgedLocal}/${allItems.length}`}
              size="small"
            />
          </div>
          <SuggestionTag s={d.suggestion} />
          <span>
            未保存 <b style={{ color: dirtyCount ? '#d46b08' : undefined }}>{dirtyCount}</b> 条
          </span>
          <Space size={6}>
            <Switch
              checked={autoSave}
              onChange={(v) => {
                setAutoSave(v);
                localStorage.setItem(AUTOSAVE_KEY, v ? 'on' : 'off');
              }}
            />
            <span>自动保存</span>
          </Space>
          <Button
            type="primary"
            size="large"
            icon={<SaveOutlined />}
            disabled={!dirtyCount}
            loading={bulk}
            onClick={() => void saveAll()}
            style={{ marginLeft: 'auto', minWidth: 120 }}
          >
            保存{dirtyCount ? `（${dirtyCount}）` : ''}
          </Button>
        </div>
      )}
    </div>
  );
}
