import { UserOutlined } from '@ant-design/icons';
import { Avatar } from 'antd';
import type { Account } from '../api/account';

/** The uploaded picture, else the first letter of the name: an avatar is optional. */
export function AccountAvatar({ account, size }: { account: Account; size: number }) {
  if (account.avatarUrl) return <Avatar src={account.avatarUrl} size={size} alt="" />;
  const initial = account.name.trim().charAt(0).toUpperCase();
  return (
    <Avatar size={size} style={{ background: '#1f5fbf' }} icon={initial ? undefined : <UserOutlined />}>
      {initial}
    </Avatar>
  );
}
