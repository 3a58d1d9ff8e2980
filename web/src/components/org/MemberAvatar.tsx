import { UserOutlined } from '@ant-design/icons';
import { Avatar } from 'antd';

const palette = ['#1f5fbf', '#13a8a8', '#7a4fd6', '#d4862b', '#2f9e44', '#c2410c', '#0e7490'];

/** A stable colour per name, so colleagues without a picture are still told apart at a glance. */
function colourOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return palette[hash % palette.length]!;
}

/** The person's uploaded picture, else the first character of the name (a Chinese name's surname). */
export function MemberAvatar({ member, size }: { member: { name: string; avatarUrl: string | null }; size: number }) {
  if (member.avatarUrl) return <Avatar src={member.avatarUrl} size={size} alt="" />;
  const initial = member.name.trim().charAt(0).toUpperCase();
  return (
    <Avatar size={size} style={{ background: colourOf(member.name), flex: 'none', fontSize: Math.round(size * 0.42) }} icon={initial ? undefined : <UserOutlined />}>
      {initial}
    </Avatar>
  );
}
