import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Card, Empty, Flex, Skeleton } from 'antd';
import { useNavigate } from 'react-router-dom';
import { acceptInvitation, declineInvitation, useMyInvitations, type InviteeInvitation } from '../../api/invitations';
import { queryKeys } from '../../api/query-keys';
import { PageHeading } from '../../components/PageHeading';
import { QueryFailure } from '../../components/QueryFailure';
import { InvitationCard } from '../../components/org/InvitationCard';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { rememberOrg } from '../../org/remembered-org';

/** Invitations addressed to my verified email or phone: what each employer supplied, and my answer. */
export default function InvitationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invitations = useMyInvitations();

  const settled = () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.myInvitations }), queryClient.invalidateQueries({ queryKey: queryKeys.organisations })]);

  const accept = useMutation({
    mutationFn: (invitation: InviteeInvitation) => acceptInvitation(invitation.id),
    onSuccess: async (organisation) => {
      message.success(t('invitations.joined', { org: organisation.name }));
      rememberOrg(organisation.id);
      await settled();
      // straight to the record just accepted, where corrections are asked for
      await navigate(`/org/${encodeURIComponent(organisation.id)}/me`);
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  const decline = useMutation({
    mutationFn: (invitation: InviteeInvitation) => declineInvitation(invitation.id),
    onSuccess: async (_, invitation) => {
      message.success(t('invitations.declined', { org: invitation.organisation.name }));
      await settled();
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  return (
    <Flex vertical gap={16} style={{ maxWidth: 820, margin: '0 auto' }}>
      <PageHeading title={t('invitations.title')} subtitle={t('invitations.subtitle')} />
      {invitations.isError ? (
        <QueryFailure error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : invitations.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : invitations.data.length === 0 ? (
        <Card>
          <Empty description={t('invitations.none')} data-testid="invitations-empty" />
        </Card>
      ) : (
        invitations.data.map((invitation) => (
          <InvitationCard
            key={invitation.id}
            invitation={invitation}
            accepting={accept.isPending && accept.variables.id === invitation.id}
            declining={decline.isPending && decline.variables.id === invitation.id}
            onAccept={() => accept.mutate(invitation)}
            onDecline={() => decline.mutate(invitation)}
          />
        ))
      )}
    </Flex>
  );
}
