import { TeamOutlined } from '@ant-design/icons';
import { Avatar } from 'antd';
import type { ConversationSummary } from '../../api/chat';
import type { ChatPerson } from '../../chat/use-chat-people';
import { MemberAvatar } from '../org/MemberAvatar';

interface Props {
  conversation: Pick<ConversationSummary, 'kind' | 'avatarUrl' | 'peer'>;
  /** the colleague at the other end of a direct chat, for their picture */
  peer: ChatPerson | null;
  size: number;
}

/** A chat's picture: the colleague's in a direct chat; a group's own picture, else the group icon. */
export function ConversationAvatar({ conversation, peer, size }: Props) {
  if (conversation.kind === 'direct') return <MemberAvatar member={{ name: conversation.peer?.name || '?', avatarUrl: peer?.avatarUrl ?? null }} size={size} />;
  if (conversation.avatarUrl) return <Avatar src={conversation.avatarUrl} size={size} alt="" style={{ flex: 'none' }} data-testid="group-avatar-picture" />;
  return <Avatar size={size} icon={<TeamOutlined />} style={{ background: '#13a8a8', flex: 'none' }} data-testid="group-avatar-icon" />;
}
