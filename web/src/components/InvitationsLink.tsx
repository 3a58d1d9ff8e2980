import { MailOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useMyInvitations } from '../api/invitations';
import { useI18n } from '../i18n/context';

/** Invitations addressed to me, counted in the header so an open one is never missed. */
export function InvitationsLink() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const invitations = useMyInvitations();
  const open = invitations.data?.length ?? 0;
  return (
    <Badge count={open} size="small" offset={[-6, 6]} data-testid="invitations-badge">
      <Button
        type="text"
        shape="circle"
        icon={<MailOutlined />}
        aria-label={t('header.invitations')}
        title={open ? t('header.invitationsOpen', { count: open }) : t('header.invitations')}
        data-testid="invitations-link"
        onClick={() => navigate('/invitations')}
      />
    </Badge>
  );
}
