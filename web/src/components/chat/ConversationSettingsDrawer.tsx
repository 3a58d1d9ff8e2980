import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Divider, Drawer, Flex, Input, List, Popconfirm, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  addChatMembers,
  changeChatSettings,
  removeChatMember,
  removeGroupAvatar,
  renameGroup,
  setChatRole,
  setGroupAvatar,
  type ChatParticipant,
  type ConversationDetail,
} from '../../api/chat';
import { conversationLeft, storeConversation } from '../../chat/chat-cache';
import { useChatSpace } from '../../chat/chat-space';
import { useChatCandidates } from '../../chat/use-chat-candidates';
import { useChatPeople } from '../../chat/use-chat-people';
import { useI18n } from '../../i18n/context';
import { errorText } from '../../i18n/error-text';
import { AvatarUploadButton } from '../AvatarUploadButton';
import { MemberAvatar } from '../org/MemberAvatar';
import { goneName } from './chat-labels';
import { ConversationAvatar } from './ConversationAvatar';

interface Props {
  open: boolean;
  conversation: ConversationDetail;
  onClose(): void;
  onLeft(): void;
}

/**
 * A chat's settings. Mine only: mute and archive. For a group: its picture, name and members — the
 * owner and admins change the picture, rename and remove, the owner chooses admins, anyone adds
 * colleagues (between contacts: their own contacts) or leaves.
 */
export function ConversationSettingsDrawer({ open, conversation, onClose, onLeft }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const space = useChatSpace();
  const candidates = useChatCandidates(space);
  const personOf = useChatPeople(space, conversation.participants);
  const [name, setName] = useState(conversation.name ?? '');
  const [adding, setAdding] = useState<string[]>([]);
  const isGroup = conversation.kind === 'group';
  const manager = conversation.myRole === 'owner' || conversation.myRole === 'admin';

  useEffect(() => setName(conversation.name ?? ''), [conversation.name]);

  const change = useMutation({
    mutationFn: (run: () => Promise<ConversationDetail | void>) => run(),
    onSuccess: (answer) => {
      if (answer) storeConversation(space.id, answer);
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  const leave = useMutation({
    mutationFn: () => removeChatMember(space.id, conversation.id, space.myMemberId),
    onSuccess: () => {
      conversationLeft(space.id, conversation.id);
      onClose();
      onLeft();
    },
    onError: (error) => message.error(errorText(error, t)),
  });

  const inChat = new Set(conversation.participants.map((participant) => participant.memberId));
  const addable = (candidates.people ?? []).filter((person) => !inChat.has(person.memberId)).map((person) => ({ value: person.memberId, label: person.name }));

  const mayRemove = (participant: ChatParticipant) =>
    isGroup && manager && participant.memberId !== space.myMemberId && participant.role !== 'owner' && (participant.role !== 'admin' || conversation.myRole === 'owner');

  return (
    <Drawer open={open} onClose={onClose} size={420} title={t('chat.settings')} destroyOnHidden data-testid="chat-settings-drawer">
      <Flex vertical gap={12}>
        {isGroup && (
          <div data-testid="chat-avatar-settings">
            <Typography.Text strong>{t('chat.groupPicture')}</Typography.Text>
            <Flex align="center" gap={16} style={{ marginTop: 6 }}>
              <ConversationAvatar conversation={conversation} peer={null} size={64} />
              {manager ? (
                <Flex vertical gap={6} style={{ flex: 1, minWidth: 0 }}>
                  <Flex gap={8} wrap>
                    <AvatarUploadButton
                      label={t('chat.uploadGroupPicture')}
                      loading={change.isPending}
                      upload={(file) => change.mutateAsync(() => setGroupAvatar(space.id, conversation.id, file, file.type))}
                      testId="chat-avatar-upload"
                    />
                    {conversation.avatarUrl && (
                      <Button icon={<DeleteOutlined />} loading={change.isPending} onClick={() => change.mutate(() => removeGroupAvatar(space.id, conversation.id))} data-testid="chat-avatar-remove">
                        {t('chat.removeGroupPicture')}
                      </Button>
                    )}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('chat.groupPictureHint')}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('chat.groupPictureOnlyManagers')}
                </Typography.Text>
              )}
            </Flex>
          </div>
        )}
        {isGroup && (
          <div>
            <Typography.Text strong>{t('chat.groupName')}</Typography.Text>
            <Space.Compact style={{ width: '100%', marginTop: 6 }}>
              <Input value={name} onChange={(event) => setName(event.target.value)} maxLength={100} disabled={!manager} data-testid="chat-rename-input" />
              <Button
                type="primary"
                disabled={!manager || !name.trim() || name.trim() === conversation.name}
                loading={change.isPending}
                onClick={() => change.mutate(() => renameGroup(space.id, conversation.id, name.trim()))}
                data-testid="chat-rename-save"
              >
                {t('common.save')}
              </Button>
            </Space.Compact>
            {!manager && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('chat.renameOnlyManagers')}
              </Typography.Text>
            )}
          </div>
        )}
        <Flex justify="space-between" align="center">
          <div>
            <Typography.Text strong>{t('chat.mute')}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('chat.muteHint')}
            </Typography.Text>
          </div>
          <Switch checked={conversation.muted} loading={change.isPending} onChange={(muted) => change.mutate(() => changeChatSettings(space.id, conversation.id, { muted }))} data-testid="chat-mute" />
        </Flex>
        <Flex justify="space-between" align="center">
          <div>
            <Typography.Text strong>{t('chat.archive')}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('chat.archiveHint')}
            </Typography.Text>
          </div>
          <Switch checked={conversation.archived} loading={change.isPending} onChange={(archived) => change.mutate(() => changeChatSettings(space.id, conversation.id, { archived }))} data-testid="chat-archive" />
        </Flex>
        {isGroup && (
          <>
            <Divider style={{ margin: '4px 0' }} />
            <Typography.Text strong>{t('chat.memberCount', { count: conversation.participants.length })}</Typography.Text>
            <Space.Compact style={{ width: '100%' }}>
              <Select<string[]>
                mode="multiple"
                value={adding}
                onChange={setAdding}
                options={addable}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={space.kind === 'contacts' ? t('contacts.chat.addPeople') : t('chat.addPeople')}
                style={{ width: '100%' }}
                data-testid="chat-add-members"
              />
              <Button
                disabled={!adding.length}
                loading={change.isPending}
                onClick={() => change.mutate(() => addChatMembers(space.id, conversation.id, adding), { onSuccess: () => setAdding([]) })}
                data-testid="chat-add-members-submit"
              >
                {t('chat.add')}
              </Button>
            </Space.Compact>
            <List
              size="small"
              dataSource={conversation.participants}
              renderItem={(participant) => (
                <List.Item
                  data-testid="chat-participant"
                  data-member-id={participant.memberId}
                  actions={[
                    ...(conversation.myRole === 'owner' && participant.role !== 'owner'
                      ? [
                          <Button
                            key="role"
                            size="small"
                            type="link"
                            onClick={() => change.mutate(() => setChatRole(space.id, conversation.id, participant.memberId, participant.role === 'admin' ? 'member' : 'admin'))}
                            data-testid="chat-participant-role"
                          >
                            {participant.role === 'admin' ? t('chat.makeMember') : t('chat.makeAdmin')}
                          </Button>,
                        ]
                      : []),
                    ...(mayRemove(participant)
                      ? [
                          <Popconfirm
                            key="remove"
                            title={t('chat.removeConfirm', { name: participant.name })}
                            okText={t('chat.remove')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => change.mutate(() => removeChatMember(space.id, conversation.id, participant.memberId))}
                          >
                            <Button size="small" type="link" danger data-testid="chat-participant-remove">
                              {t('chat.remove')}
                            </Button>
                          </Popconfirm>,
                        ]
                      : []),
                  ]}
                >
                  <Flex align="center" gap={8} style={{ minWidth: 0 }}>
                    <MemberAvatar member={{ name: participant.name || '?', avatarUrl: personOf(participant.memberId).avatarUrl }} size={28} />
                    <Typography.Text ellipsis type={participant.gone ? 'secondary' : undefined}>
                      {participant.name || goneName(space.kind, t)}
                      {participant.memberId === space.myMemberId && ` (${t('chat.you')})`}
                    </Typography.Text>
                    {participant.role !== 'member' && <Tag color={participant.role === 'owner' ? 'gold' : 'geekblue'}>{t(`chat.role.${participant.role}`)}</Tag>}
                  </Flex>
                </List.Item>
              )}
            />
            <Popconfirm
              title={t('chat.leaveConfirm')}
              description={conversation.myRole === 'owner' ? t('chat.leaveOwnerHint') : undefined}
              okText={t('chat.leave')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() => leave.mutate()}
            >
              <Button danger block loading={leave.isPending} data-testid="chat-leave">
                {t('chat.leave')}
              </Button>
            </Popconfirm>
          </>
        )}
      </Flex>
    </Drawer>
  );
}
