import { App, Button, Flex, Form, Input, Modal, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { createGroup, openDirectChat, type ConversationDetail } from '../../api/chat';
import { openContactChat } from '../../api/contacts';
import { storeConversation } from '../../chat/chat-cache';
import { useChatSpace } from '../../chat/chat-space';
import { rememberConversation } from '../../chat/conversation-index';
import { useChatCandidates } from '../../chat/use-chat-candidates';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';

interface Props {
  open: boolean;
  onClose(): void;
  onOpened(conversationId: string): void;
}

type Kind = 'direct' | 'group';

/** A new chat: a colleague from the directory (a contact, between contacts), or a named group of several. */
export function NewChatModal({ open, onClose, onOpened }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const space = useChatSpace();
  const candidates = useChatCandidates(space);
  const contacts = space.kind === 'contacts';
  const [kind, setKind] = useState<Kind>('direct');
  const [peer, setPeer] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);

  const colleagues = (candidates.people ?? []).filter((person) => person.memberId !== space.myMemberId).map((person) => ({ value: person.memberId, label: person.label }));

  // between contacts a direct chat is opened through the contact, which the server checks
  const openDirect = (memberId: string) => (contacts ? openContactChat(memberId).then((answer) => answer.conversation) : openDirectChat(space.id, memberId));
  const create = useMutation({
    mutationFn: (): Promise<ConversationDetail> => (kind === 'direct' ? openDirect(peer ?? '') : createGroup(space.id, name.trim(), chosen)),
    onSuccess: (conversation) => {
      rememberConversation(conversation.id, space.id);
      storeConversation(space.id, conversation);
      setPeer(null);
      setName('');
      setChosen([]);
      onOpened(conversation.id);
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  const ready = kind === 'direct' ? Boolean(peer) : name.trim().length > 0;

  return (
    <Modal
      open={open}
      title={t('chat.newChat')}
      onCancel={onClose}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" disabled={!ready} loading={create.isPending} onClick={() => create.mutate()} data-testid="chat-new-submit">
            {kind === 'direct' ? t('chat.startChat') : t('chat.createGroup')}
          </Button>
        </Flex>
      }
      destroyOnHidden
    >
      <Segmented<Kind>
        block
        value={kind}
        onChange={setKind}
        options={[
          { value: 'direct', label: <span data-testid="chat-new-kind-direct">{t('chat.kindDirect')}</span> },
          { value: 'group', label: <span data-testid="chat-new-kind-group">{t('chat.kindGroup')}</span> },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Form layout="vertical" requiredMark={false}>
        {kind === 'direct' ? (
          <Form.Item label={contacts ? t('contacts.chat.contact') : t('chat.colleague')}>
            <Select<string>
              value={peer ?? undefined}
              onChange={(value) => setPeer(value ?? null)}
              options={colleagues}
              showSearch={{ optionFilterProp: 'label' }}
              loading={candidates.loading}
              placeholder={contacts ? t('contacts.chat.pickContact') : t('chat.pickColleague')}
              data-testid="chat-new-peer"
              notFoundContent={contacts ? t('contacts.chat.noContacts') : t('chat.noColleagues')}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t('chat.groupName')}>
              <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} placeholder={t('chat.groupNamePlaceholder')} data-testid="chat-new-group-name" />
            </Form.Item>
            <Form.Item label={t('chat.groupMembers')} extra={contacts ? t('contacts.chat.groupMembersHint') : t('chat.groupMembersHint')}>
              <Select<string[]>
                mode="multiple"
                value={chosen}
                onChange={setChosen}
                options={colleagues}
                showSearch={{ optionFilterProp: 'label' }}
                loading={candidates.loading}
                placeholder={contacts ? t('contacts.chat.pickContacts') : t('chat.pickColleagues')}
                data-testid="chat-new-group-members"
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
