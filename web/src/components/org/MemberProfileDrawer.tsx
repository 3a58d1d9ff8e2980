import { Drawer, Skeleton } from 'antd';
import { useDepartments } from '../../api/departments';
import { useMember, useMembers } from '../../api/members';
import { useI18n } from '../../i18n/context';
import { useOrg } from '../../org/org-context';
import { QueryFailure } from '../QueryFailure';
import { MemberProfile } from './MemberProfile';

interface Props {
  memberId: string | null;
  onClose(): void;
  onOpenMember(memberId: string): void;
}

/** The profile opens beside the list, so the person keeps their place in the directory or chart. */
export function MemberProfileDrawer({ memberId, onClose, onOpenMember }: Props) {
  const { t } = useI18n();
  const org = useOrg();
  const member = useMember(org.id, memberId);
  const members = useMembers(org.id);
  const departments = useDepartments(org.id);

  return (
    <Drawer open={Boolean(memberId)} onClose={onClose} size={420} title={t('directory.profile')} destroyOnHidden>
      {member.isError ? (
        <QueryFailure error={member.error} onRetry={() => void member.refetch()} />
      ) : !member.data ? (
        <Skeleton active avatar paragraph={{ rows: 6 }} />
      ) : (
        // keyed so that a revealed contact does not carry over to the next colleague opened
        <MemberProfile key={member.data.id} member={member.data} members={members.data ?? []} departments={departments.data ?? []} onOpenMember={onOpenMember} />
      )}
    </Drawer>
  );
}
