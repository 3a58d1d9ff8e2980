import { App, Button, Flex, Form, Input, Modal, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { createGroup, openDirectChat, type ConversationDetail } from '../../api/chat';
import { useMembers } from '../../api/members';
import { storeConversation } from '../../chat/chat-cache';
import { rememberConversation } from '../../chat/conversation-index';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { useOrg } from '../../org/org-context';

interface Props {
  open: boolean;
  onClose(): void;
  onOpened(conversationId: string): void;
}

type Kind = 'direct' | 'group';

/** A new chat: a colleague from the directory, or a named group of several. */
export function NewChatModal({ open, onClose, onOpened }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const org = useOrg();
  const members = useMembers(org.id);
  const [kind, setKind] = useState<Kind>('direct');
  const [peer, setPeer] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);

  const colleagues = (members.data ?? [])
    .filter((member) => member.id !== org.myMemberId)
    .map((member) => ({ value: member.id, label: member.position ? `${member.name} · ${member.position}` : member.name }));

  const create = useMutation({
    mutationFn: (): Promise<ConversationDetail> => (kind === 'direct' ? openDirectChat(org.id, peer ?? '') : createGroup(org.id, name.trim(), chosen)),
    onSuccess: (conversation) => {
      rememberConversation(conversation.id, org.id);
      storeConversation(org.id, conversation);
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
          <Form.Item label={t('chat.colleague')}>
            <Select<string>
              value={peer ?? undefined}
              onChange={(value) => setPeer(value ?? null)}
              options={colleagues}
              showSearch={{ optionFilterProp: 'label' }}
              loading={members.isPending}
              placeholder={t('chat.pickColleague')}
              data-testid="chat-new-peer"
              notFoundContent={t('chat.noColleagues')}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item label={t('chat.groupName')}>
              <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} placeholder={t('chat.groupNamePlaceholder')} data-testid="chat-new-group-name" />
            </Form.Item>
            <Form.Item label={t('chat.groupMembers')} extra={t('chat.groupMembersHint')}>
              <Select<string[]>
                mode="multiple"
                value={chosen}
                onChange={setChosen}
                options={colleagues}
                showSearch={{ optionFilterProp: 'label' }}
                loading={members.isPending}
                placeholder={t('chat.pickColleagues')}
                data-testid="chat-new-group-members"
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
