import { FileProtectOutlined, FileTextOutlined } from '@ant-design/icons';
import { Card, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { MyPolicyState } from '../../api/policy';
import { useI18n } from '../../i18n/context';

/** The two texts behind the privacy centre: the policy itself and the generated list of what is kept. */
export function PolicyDocumentsCard({ state }: { state: MyPolicyState | undefined }) {
  const { t, formatDay } = useI18n();
  const items = [
    {
      key: 'policy',
      icon: <FileProtectOutlined />,
      link: (
        <Link to="/policy" data-testid="privacy-centre-policy-link">
          {t('privacyCentre.policyLink')}
        </Link>
      ),
      description: state?.current ? t('privacyCentre.policyCurrent', { label: state.current.label, date: formatDay(state.current.effectiveAt) }) : t('privacyCentre.policyAbout'),
      extra: state?.upcoming ? t('privacyCentre.policyUpcoming', { label: state.upcoming.label, date: formatDay(state.upcoming.effectiveAt) }) : null,
    },
    {
      key: 'notice',
      icon: <FileTextOutlined />,
      link: (
        <Link to="/privacy" data-testid="privacy-centre-notice-link">
          {t('privacyCentre.noticeLink')}
        </Link>
      ),
      description: t('privacyCentre.noticeAbout'),
      extra: null,
    },
  ];
  return (
    <Card title={t('privacyCentre.documents')}>
      <List
        dataSource={items}
        renderItem={(item) => (
          <List.Item>
            <List.Item.Meta
              avatar={<span style={{ fontSize: 20, color: '#1f5fbf' }}>{item.icon}</span>}
              title={item.link}
              description={
                <>
                  {item.description}
                  {item.extra && (
                    <>
                      <br />
                      <Typography.Text type="warning">{item.extra}</Typography.Text>
                    </>
                  )}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
