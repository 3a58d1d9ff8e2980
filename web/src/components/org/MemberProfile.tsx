import { Button, Descriptions, Flex, Space, Typography } from 'antd';
import type { Department } from '../../api/departments';
import type { Member } from '../../api/members';
import { useI18n } from '../../i18n/context';
import { departmentPath } from '../../org/department-tree';
import { ContactReveal } from './ContactReveal';
import { MemberAvatar } from './MemberAvatar';
import { RoleTag } from './RoleTag';
import { WorkStatusTag } from './WorkStatusTag';

interface Props {
  member: Member;
  /** everyone in the directory, to name the superior and the direct reports */
  members: Member[];
  departments: Department[];
  onOpenMember(memberId: string): void;
}

/** A colleague's card: what a directory profile shows in Lark, with contact data masked until revealed. */
export function MemberProfile({ member, members, departments, onOpenMember }: Props) {
  const { t } = useI18n();
  const superior = members.find((entry) => entry.id === member.supervisorId);
  const reports = members.filter((entry) => entry.supervisorId === member.id);
  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const personLink = (person: Member) => (
    <Button key={person.id} type="link" size="small" onClick={() => onOpenMember(person.id)} style={{ paddingInline: 0 }}>
      {person.name}
    </Button>
  );

  return (
    <Flex vertical gap={20} data-testid="member-profile" data-member-id={member.id}>
      <Flex align="center" gap={16}>
        <MemberAvatar member={member} size={72} />
        <div>
          <Space size={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="member-profile-name">
              {member.name}
            </Typography.Title>
            <RoleTag role={member.role} />
          </Space>
          <div>
            <Typography.Text type="secondary">{member.position ?? t('directory.noPosition')}</Typography.Text>
          </div>
        </div>
      </Flex>
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 96 } }}
        items={[
          { key: 'department', label: t('field.departmentId'), children: departmentPath(departments, member.departmentId) || none },
          { key: 'superior', label: t('field.supervisorId'), children: superior ? personLink(superior) : none },
          { key: 'status', label: t('field.workStatus'), children: <WorkStatusTag status={member.workStatus} /> },
          { key: 'location', label: t('field.workLocation'), children: member.workLocation ?? none },
          { key: 'contact', label: t('directory.contact'), children: <ContactReveal member={member} /> },
          { key: 'reports', label: t('directory.reports'), children: reports.length ? <Flex wrap gap={12}>{reports.map(personLink)}</Flex> : none },
        ]}
      />
    </Flex>
  );
}
