import { Select } from 'antd';
import { useMembers } from '../../api/members';
import { useI18n } from '../../i18n/context';

interface Props {
  orgId: string;
  value?: string | null;
  onChange?(memberId: string | null): void;
  /** the member being edited: nobody is their own superior */
  excludedId?: string;
  placeholder?: string;
  testId?: string;
}

/** Picks a colleague by name (searching works with Chinese names and positions too). */
export function MemberSelect({ orgId, value, onChange, excludedId, placeholder, testId }: Props) {
  const { t } = useI18n();
  const members = useMembers(orgId);
  const options = (members.data ?? [])
    .filter((member) => member.id !== excludedId)
    .map((member) => ({ value: member.id, label: member.position ? `${member.name} · ${member.position}` : member.name }));
  return (
    <Select<string>
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={options}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={members.isPending}
      placeholder={placeholder ?? t('field.supervisorId')}
      data-testid={testId}
      style={{ width: '100%' }}
    />
  );
}
