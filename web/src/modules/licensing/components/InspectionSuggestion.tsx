import { Alert, Col, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ConclusionCounts, Suggestion, TemplateSnapshot } from './InspectionShared';
import { VERDICT_COLOR } from './InspectionShared';

/** The system's suggested conclusion as a tag (合格 / 不合格 / 尚未判定完毕). */
export function SuggestionTag({ s }: { s: Suggestion | null | undefined }) {
  if (!s) return <Tag>未选定模板</Tag>;
  return (
    <Tag color={VERDICT_COLOR[s.verdict]} style={{ fontSize: 14, padding: '2px 10px' }}>
      {s.verdict === 'incomplete' ? '尚未判定完毕' : `建议${s.verdictLabel}`}
    </Tag>
  );
}

/** The judgement rule of a template in words (否决项上限, N, k). */
export function ruleText(t: TemplateSnapshot): string[] {
  const r = t.rules;
  const out = [
    r.vetoFailLimit === 0 ? '任一否决项不符合即判不合格' : `否决项不符合超过 ${r.vetoFailLimit} 项判不合格`,
    r.generalFailLimit === null
      ? '一般项不符合数上限 N 未设定'
      : `一般项不符合（含折算）超过 ${r.generalFailLimit} 项判不合格`,
  ];
  if (r.basicEnabled)
    out.push(r.basicPerFail ? `每 ${r.basicPerFail} 项基本符合折算 1 项不符合` : '基本符合不折算');
  if (r.basicEnabled) out.push(r.vetoAllowsBasic ? '否决项可判基本符合' : '否决项只能判符合或不符合');
  return out;
}

/**
 * The live counts and the server's suggested conclusion (computed from the saved records by the template's
 * rule): progress, counts by result, 否决项 / 一般项 against their limits, and the reasons of a 不合格.
 */
export function SuggestionPanel({
  s,
  template,
  compact,
}: {
  s: Suggestion;
  template: TemplateSnapshot;
  compact?: boolean;
}) {
  const c: ConclusionCounts = s.counts;
  const pct = c.total ? Math.round((c.judged / c.total) * 100) : 0;
  const r = template.rules;
  return (
    <div data-testid="inspection-suggestion">
      <Row gutter={[16, 12]} align="middle">
        <Col flex="220px">
          <Typography.Text type="secondary">判定进度</Typography.Text>
          <Progress percent={pct} format={() => `${c.judged}/${c.total}`} status="normal" />
        </Col>
        <Col flex="auto">
          <Space size={24} wrap>
            <Statistic
              title="符合"
              value={c.conform}
              styles={{ content: { color: '#389e0d', fontSize: 22 } }}
            />
            {r.basicEnabled && (
              <Statistic
                title="基本符合"
                value={c.basic}
                styles={{ content: { color: '#d48806', fontSize: 22 } }}
              />
            )}
            <Statistic
              title="不符合"
              value={c.nonconform}
              styles={{ content: { color: '#cf1322', fontSize: 22 } }}
            />
            {template.allowedResults.includes('na') && (
              <Statistic title="不适用" value={c.na} styles={{ content: { fontSize: 22 } }} />
            )}
            <Statistic title="未判定" value={c.pending} styles={{ content: { fontSize: 22 } }} />
          </Space>
        </Col>
      </Row>
      {!compact && (
        <Space size={[24, 4]} wrap style={{ marginTop: 8 }}>
          <span>
            否决项不符合：
            <b style={{ color: c.vetoFailEquivalent > r.vetoFailLimit ? '#cf1322' : undefined }}>
              {c.vetoFailEquivalent}
            </b>{' '}
            项（上限 {r.vetoFailLimit}
            {c.vetoBasicConverted > 0 ? `，含 ${c.vetoBasic} 项基本符合折算 ${c.vetoBasicConverted} 项` : ''}
            ）
          </span>
          <span>
            一般项不符合：
            <b
              style={{
                color:
                  r.generalFailLimit !== null && c.generalFailEquivalent > r.generalFailLimit
                    ? '#cf1322'
                    : undefined,
              }}
            >
              {c.generalFailEquivalent}
            </b>{' '}
            项（上限 N = {r.generalFailLimit ?? '未设定'}
            {c.basicConverted > 0 ? `，含 ${c.generalBasic} 项基本符合折算 ${c.basicConverted} 项` : ''}）
          </span>
        </Space>
      )}
      <Alert
        style={{ marginTop: 12 }}
        type={s.verdict === 'fail' ? 'error' : s.verdict === 'pass' ? 'success' : 'info'}
        showIcon
        title={
          <Space wrap>
            <span>系统建议结论：</span>
            <SuggestionTag s={s} />
            {s.verdict === 'incomplete' && <span>还有 {c.pending} 项未判定</span>}
          </Space>
        }
        description={
          s.reasons.length > 0 ? (
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {s.reasons.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          ) : compact ? undefined : (
            <Typography.Text type="secondary">判定规则：{ruleText(template).join('；')}。</Typography.Text>
          )
        }
      />
    </div>
  );
}
