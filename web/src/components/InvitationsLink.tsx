import { MailOutlined } from '@ant-design/icons';
import { useMyInvitations } from '../api/invitations';
import { useI18n } from '../i18n/context';
import { HeaderCountLink } from './HeaderCountLink';

/** Invitations addressed to me, counted in the header so an open one is never missed. */
export function InvitationsLink() {
  const { t } = useI18n();
  const invitations = useMyInvitations();
  const open = invitations.data?.length ?? 0;
  return (
    <HeaderCountLink
      icon={<MailOutlined />}
      count={open}
      label={t('header.invitations')}
      countTitle={t('header.invitationsOpen', { count: open })}
      path="/invitations"
      badgeTestId="invitations-badge"
      linkTestId="invitations-link"
    />
  );
}
