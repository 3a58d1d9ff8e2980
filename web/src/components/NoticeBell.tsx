import { BellOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useUnreadNotices } from '../account/use-notices';
import { useI18n } from '../i18n/context';

export function NoticeBell() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const unread = useUnreadNotices();
  return (
    <Badge count={unread.length} size="small" offset={[-6, 6]}>
      <Button
        type="text"
        shape="circle"
        icon={<BellOutlined />}
        aria-label={t('header.notices')}
        title={t('header.notices')}
        data-testid="notice-bell"
        onClick={() => navigate('/me#notices')}
      />
    </Badge>
  );
}
