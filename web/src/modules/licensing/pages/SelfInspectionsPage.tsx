import { Alert, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../../app/auth';
import { SelfInspectionEnterprise } from '../components/SelfInspectionEnterprise';
import { SelfInspectionOfficer } from '../components/SelfInspectionOfficer';
import { currentYear } from '../components/SelfInspectionShared';

const PATH = '/licensing/self-inspections';

/**
 * The report year, from `?year=` when another page links here (the 申报提醒 of 我的证书). The tab stays
 * mounted while others are shown, so only this page's own location counts.
 */
function useYearParam(): [number, (y: number) => void] {
  const location = useLocation();
  const [year, setYear] = useState(currentYear);
  useEffect(() => {
    if (location.pathname !== PATH) return;
    const y = Number(new URLSearchParams(location.search).get('year'));
    if (Number.isInteger(y) && y >= 2000 && y <= 2100) setYear(y);
  }, [location.pathname, location.search]);
  return [year, setYear];
}

/** 年度自查报告 (《办法》第四十八条): enterprises submit theirs, officers follow who has and who has not. */
export function SelfInspectionsPage() {
  const { hasPerm } = useAuth();
  const navigate = useNavigate();
  const [year, setYear] = useYearParam();
  const enterprise = hasPerm('licensing:apply');
  const officer = hasPerm(['licensing:certificate', 'licensing:stats']);
  const canSeeSettings = hasPerm(['licensing:catalogue', 'licensing:certificate']);

  const note = (
    <Alert
      type="info"
      showIcon
      title="依据《工业产品生产许可证管理条例实施办法》第四十八条"
      description={
        <>
          <div>
            企业应当自取得生产许可证之日起，按年度提交自查报告；获证未满一年的，可以于下一年度提交（延续、变更等换发的证书接续原许可，当年即应提交）。
          </div>
          <div>
            自查报告包括：（一）持续保持许可条件的情况；（二）企业名称、住所、生产地址等变化情况；（三）生产状况及产品变化情况；（四）证书、标志和编号使用情况；（五）行政机关对产品质量的监督检查情况；（六）其他需要说明的情况。每张证书每年度提交一份，提交后不能修改。
          </div>
          <div>
            各年度的提交截止日期为
            {canSeeSettings ? (
              <Typography.Link onClick={() => void navigate('/licensing/settings')}>
                「许可规则配置」
              </Typography.Link>
            ) : (
              '「许可规则配置」'
            )}
            中的设定项“年度自查报告截止日”，默认为当年 12 月 31 日。
          </div>
        </>
      }
    />
  );

  const enterpriseView = <SelfInspectionEnterprise year={year} onYearChange={setYear} />;
  const officerView = <SelfInspectionOfficer year={year} onYearChange={setYear} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {note}
      {enterprise && officer ? (
        <Tabs
          items={[
            { key: 'enterprise', label: '本企业报告', children: enterpriseView },
            { key: 'officer', label: '辖区提交情况', children: officerView },
          ]}
        />
      ) : enterprise ? (
        enterpriseView
      ) : officer ? (
        officerView
      ) : (
        <Alert type="warning" showIcon title="您没有查看年度自查报告的权限" />
      )}
    </Space>
  );
}
