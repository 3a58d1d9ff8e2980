import { Card, Flex } from 'antd';
import { InvitationImport } from '../../components/admin/InvitationImport';
import { InviteForm } from '../../components/admin/InviteForm';
import { PendingInvitationsTable } from '../../components/admin/PendingInvitationsTable';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/context';

/** Admin console › Invitations: one by one, from a file, and the ones still waiting for an answer. */
export default function AdminInvitationsPage() {
  const { t } = useI18n();
  return (
    <Flex vertical gap={20}>
      <Card>
        <PageHeading title={t('adminInvite.title')} subtitle={t('adminInvite.subtitle')} />
        <InviteForm />
      </Card>
      <Card title={t('adminInvite.pending')}>
        <PendingInvitationsTable />
      </Card>
      <Card title={t('import.title')}>
        <InvitationImport />
      </Card>
    </Flex>
  );
}
