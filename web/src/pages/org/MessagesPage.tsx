import { useMemo } from 'react';
import { ChatSpaceContext, orgChatPath, type ChatSpace } from '../../chat/chat-space';
import { ChatWorkspace } from '../../components/chat/ChatWorkspace';
import { useOrg } from '../../org/org-context';

/** An organisation's messages: its chats, with its directory to start new ones from. */
export default function MessagesPage() {
  const org = useOrg();
  const space = useMemo<ChatSpace>(() => ({ id: org.id, myMemberId: org.myMemberId, kind: 'organisation', chatBase: orgChatPath(org.id) }), [org.id, org.myMemberId]);
  return (
    <ChatSpaceContext.Provider value={space}>
      <ChatWorkspace />
    </ChatSpaceContext.Provider>
  );
}
