import { Tag } from 'antd';
import type { Role } from '../../../../common/org.ts';
import { useI18n } from '../../i18n/context';

/** Members are the ordinary case, so only owners and admins get a tag. */
export function RoleTag({ role }: { role: Role }) {
  const { t } = useI18n();
  if (role === 'member') return null;
  return (
    <Tag color={role === 'owner' ? 'gold' : 'geekblue'} data-testid="role-tag">
      {t(`role.${role}`)}
    </Tag>
  );
}
