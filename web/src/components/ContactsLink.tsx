import { TeamOutlined } from '@ant-design/icons';
import { Badge, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useContacts } from '../api/contacts';
import { useI18n } from '../i18n/context';

/** My contacts, with the number of requests waiting for my answer, so one is never missed. */
export function ContactsLink() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const contacts = useContacts();
  const waiting = contacts.data?.incoming.length ?? 0;
  return (
    <Badge count={waiting} size="small" offset={[-6, 6]} data-testid="contacts-badge">
      <Button
        type="text"
        shape="circle"
        icon={<TeamOutlined />}
        aria-label={t('header.contacts')}
        title={waiting ? t('header.contactRequestsOpen', { count: waiting }) : t('header.contacts')}
        data-testid="contacts-link"
        onClick={() => navigate('/contacts')}
      />
    </Badge>
  );
}
