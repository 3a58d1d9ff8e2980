import { Flex, Typography } from 'antd';
import type { Member } from '../../api/members';
import { MemberAvatar } from './MemberAvatar';

/** One person in the org chart: a face, a name and what they do. */
export function ChartPerson({ member, detail, onOpen }: { member: Member; detail?: string; onOpen(): void }) {
  return (
    <Flex align="center" gap={8} data-testid="chart-member" data-member-id={member.id} style={{ paddingBlock: 2 }}>
      <MemberAvatar member={member} size={24} />
      <Typography.Link onClick={onOpen}>{member.name}</Typography.Link>
      {(member.position || detail) && <Typography.Text type="secondary">{[member.position, detail].filter(Boolean).join(' · ')}</Typography.Text>}
    </Flex>
  );
}
