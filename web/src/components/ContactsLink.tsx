import { TeamOutlined } from '@ant-design/icons';
import { useContacts } from '../api/contacts';
import { useI18n } from '../i18n/context';
import { HeaderCountLink } from './HeaderCountLink';

/** My contacts, with the number of requests waiting for my answer, so one is never missed. */
export function ContactsLink() {
  const { t } = useI18n();
  const contacts = useContacts();
  const waiting = contacts.data?.incoming.length ?? 0;
  return (
    <HeaderCountLink
      icon={<TeamOutlined />}
      count={waiting}
      label={t('header.contacts')}
      countTitle={t('header.contactRequestsOpen', { count: waiting })}
      path="/contacts"
      badgeTestId="contacts-badge"
      linkTestId="contacts-link"
    />
  );
}
