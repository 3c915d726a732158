import { useQuery } from '@tanstack/react-query';
import { Empty, Select, Typography } from 'antd';
import { api, call } from '../api/client';
import { errorText } from './errors';

/**
 * 转办给: a searchable choice among the people who may take over the current step of a workflow instance
 * (GET /api/workflow/instances/{id}/transfer-candidates — the step's permission within the data scope, no
 * 三员/运维-only or locked accounts). A form control: value / onChange carry the user id.
 */
export function TransferSelect(props: {
  instanceId: string;
  value?: string;
  onChange?: (userId: string) => void;
  'data-testid'?: string;
}) {
  const candidates = useQuery({
    queryKey: ['workflow', 'transfer-candidates', props.instanceId],
    queryFn: () =>
      call(
        api.GET('/api/workflow/instances/{id}/transfer-candidates', {
          params: { path: { id: props.instanceId } },
        }),
      ),
  });
  return (
    <Select
      value={props.value}
      onChange={props.onChange}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择有该环节办理权限的人员"
      loading={candidates.isLoading}
      notFoundContent={
        candidates.error ? (
          <Typography.Text type="danger">{errorText(candidates.error)}</Typography.Text>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有可转办的人员" />
        )
      }
      options={(candidates.data?.items ?? []).map((c) => ({
        value: c.id,
        label: `${c.displayName}（${c.orgName}）`,
      }))}
      data-testid={props['data-testid']}
    />
  );
}
