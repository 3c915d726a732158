import { CheckCircleFilled, LoadingOutlined, PaperClipOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { memo, useState } from 'react';
import { DocumentPreview } from '../../../components/DocumentPreview';
import { FileUpload } from '../../../components/FileUpload';
import {
  RESULT_COLOR,
  RESULT_LABEL,
  fmtTime,
  needsProblem,
  type ChecklistItem,
  type ItemRecord,
  type ItemResult,
} from './InspectionShared';

/** What is being entered for one item (a draft until saved). */
export interface ItemDraft {
  result?: ItemResult;
  problem: string;
  rectification: string;
  evidenceFileIds: string[];
  /** recordedAt of the record this draft started from (null: none yet); the server refuses a stale one. */
  base: string | null;
}

export type ItemErrors = Partial<Record<'result' | 'problem' | 'rectification' | 'evidenceFileIds', string>>;

/** Solid colours of the chosen result (green / orange / red / grey), for reading at arm's length. */
const CHOSEN: Record<ItemResult, string> = {
  conform: '#389e0d',
  basic: '#d48806',
  nonconform: '#cf1322',
  na: '#8c8c8c',
};

export const itemAnchor = (itemId: string) => `insp-item-${itemId}`;

interface Props {
  item: ChecklistItem;
  value: ItemDraft;
  record: ItemRecord | undefined;
  options: ItemResult[];
  errors: ItemErrors | undefined;
  dirty: boolean;
  saving: boolean;
  readOnly: boolean;
  onChange: (itemId: string, patch: Partial<ItemDraft>) => void;
  onBlur: (itemId: string) => void;
  onSave: (itemId: string) => void;
}

/**
 * One 核查条款 on the tablet: number, content, 否决项, method; a row of large result buttons; 问题描述 and 整改要求
 * for 不符合 / 基本符合; evidence (photos, documents); who recorded it and whether it is saved.
 */
export const InspectionChecklistItem = memo(function InspectionChecklistItem(props: Props) {
  const { item, value, record, errors, dirty, saving, readOnly } = props;
  const needs = needsProblem(value.result);
  const [wantEvidence, setWantEvidence] = useState(false);
  const hasEvidence = value.evidenceFileIds.length > 0;
  const showEvidence = readOnly ? hasEvidence : needs || hasEvidence || wantEvidence;

  return (
    <div
      id={itemAnchor(item.id)}
      data-testid={`checklist-item-${item.code}`}
      style={{
        padding: '14px 8px',
        borderBottom: '1px solid #f0f0f0',
        background: errors && Object.keys(errors).length ? '#fff2f0' : undefined,
      }}
    >
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Tag style={{ fontSize: 14, padding: '2px 8px', marginTop: 1 }}>{item.code}</Tag>
        <div style={{ flex: 1, fontSize: 15, lineHeight: 1.6 }}>
          {item.veto && (
            <Tag color="red" style={{ marginRight: 6 }}>
              否决项
            </Tag>
          )}
          {item.content}
        </div>
      </div>
      {(item.method || item.appliesWhen) && (
        <div style={{ margin: '4px 0 0 0', color: 'rgba(0,0,0,0.55)', fontSize: 13 }}>
          {item.method && <div>核查方法：{item.method}</div>}
          {item.appliesWhen && <div>适用条件：{item.appliesWhen}</div>}
        </div>
      )}

      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginTop: 10 }}>
        {readOnly ? (
          value.result ? (
            <Tag color={RESULT_COLOR[value.result]} style={{ fontSize: 15, padding: '4px 12px' }}>
              {RESULT_LABEL[value.result]}
            </Tag>
          ) : (
            <Tag style={{ fontSize: 15, padding: '4px 12px' }}>未判定</Tag>
          )
        ) : (
          <Radio.Group
            value={value.result}
            onChange={(e) => props.onChange(item.id, { result: e.target.value as ItemResult })}
            optionType="button"
            size="large"
            aria-label={`条款 ${item.code} 判定`}
          >
            {props.options.map((r) => {
              const on = value.result === r;
              return (
                <Radio.Button
                  key={r}
                  value={r}
                  style={{
                    minWidth: 104,
                    height: 48,
                    lineHeight: '46px',
                    textAlign: 'center',
                    fontSize: 16,
                    ...(on ? { background: CHOSEN[r], borderColor: CHOSEN[r], color: '#fff' } : {}),
                  }}
                >
                  {RESULT_LABEL[r]}
                </Radio.Button>
              );
            })}
          </Radio.Group>
        )}
        <span style={{ fontSize: 13 }}>
          {saving ? (
            <Typography.Text type="secondary">
              <LoadingOutlined /> 保存中…
            </Typography.Text>
          ) : dirty ? (
            <Tag color="orange">未保存</Tag>
          ) : record ? (
            <Typography.Text type="success">
              <CheckCircleFilled /> 已保存
            </Typography.Text>
          ) : null}
        </span>
        {!readOnly && !showEvidence && value.result && (
          <Button type="link" icon={<PaperClipOutlined />} onClick={() => setWantEvidence(true)}>
            添加证据
          </Button>
        )}
        {dirty && !readOnly && !saving && (
          <Button icon={<SaveOutlined />} onClick={() => props.onSave(item.id)}>
            保存本条
          </Button>
        )}
      </div>
      {errors?.result && <Typography.Text type="danger">{errors.result}</Typography.Text>}

      {needs &&
        (readOnly ? (
          <div style={{ marginTop: 8, fontSize: 14 }}>
            <div>
              <Typography.Text strong>问题描述：</Typography.Text>
              {value.problem || '—'}
            </div>
            <div>
              <Typography.Text strong>整改要求：</Typography.Text>
              {value.rectification || '—'}
            </div>
          </div>
        ) : (
          <div style={{ marginTop: 10 }}>
            <Form.Item
              layout="vertical"
              label="问题描述"
              required
              validateStatus={errors?.problem ? 'error' : undefined}
              help={errors?.problem}
              style={{ marginBottom: 8 }}
            >
              <Input.TextArea
                value={value.problem}
                onChange={(e) => props.onChange(item.id, { problem: e.target.value })}
                onBlur={() => props.onBlur(item.id)}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={2000}
                placeholder="写明现场发现的问题、证据和涉及的部门或场所"
                style={{ fontSize: 15 }}
              />
            </Form.Item>
            <Form.Item
              layout="vertical"
              label="整改要求"
              required
              validateStatus={errors?.rectification ? 'error' : undefined}
              help={errors?.rectification}
              style={{ marginBottom: 8 }}
            >
              <Input.TextArea
                value={value.rectification}
                onChange={(e) => props.onChange(item.id, { rectification: e.target.value })}
                onBlur={() => props.onBlur(item.id)}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={2000}
                placeholder="写明整改要求和期限"
                style={{ fontSize: 15 }}
              />
            </Form.Item>
          </div>
        ))}

      {showEvidence && (
        <div style={{ marginTop: 8 }}>
          {readOnly ? (
            <Space wrap>
              <Typography.Text type="secondary">证据附件：</Typography.Text>
              {value.evidenceFileIds.map((f) => (
                <DocumentPreview key={f} fileId={f} />
              ))}
            </Space>
          ) : (
            <FileUpload
              value={value.evidenceFileIds}
              onChange={(ids) => props.onChange(item.id, { evidenceFileIds: ids })}
              accept="image/*,.pdf"
              maxCount={30}
              buttonText="添加证据（拍照或文件）"
            />
          )}
          {errors?.evidenceFileIds && (
            <Typography.Text type="danger">{errors.evidenceFileIds}</Typography.Text>
          )}
        </div>
      )}

      {record && (
        <div style={{ marginTop: 6, fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
          {record.recordedByName ?? ''} 记录于 {fmtTime(record.recordedAt)}
        </div>
      )}
    </div>
  );
});
