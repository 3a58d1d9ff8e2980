import { Typography } from 'antd';
import { contactVisibilities, roles, type ContactVisibility, type Role } from '../../../../common/org.ts';
import { useI18n } from '../../i18n/context';
import { useFieldLabel } from '../../org/use-field-label';

const isRole = (value: unknown): value is Role => typeof value === 'string' && (roles as readonly string[]).includes(value);
const isVisibility = (value: unknown): value is ContactVisibility => typeof value === 'string' && (contactVisibilities as readonly string[]).includes(value);

/** An audit event's detail in words. Keys this client does not know are still shown, as they came. */
export function AuditDetail({ detail }: { detail: Record<string, unknown> | null }) {
  const { t } = useI18n();
  const label = useFieldLabel();
  if (!detail || Object.keys(detail).length === 0) return null;
  const role = (value: unknown) => (isRole(value) ? t(`role.${value}`) : String(value));
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (key === 'fields' && Array.isArray(value)) parts.push(t('audit.detail.fields', { fields: value.map((field) => (field === 'contactVisibility' ? t('settings.contactVisibility') : label(String(field)))).join('、') }));
    else if (key === 'from' || key === 'to') continue;
    else if (key === 'role') parts.push(t('audit.detail.role', { role: role(value) }));
    else if (key === 'contactVisibility') parts.push(t('audit.detail.visibility', { visibility: isVisibility(value) ? t(`visibility.${value}`) : String(value) }));
    else if (key === 'region') parts.push(t('audit.detail.region', { region: String(value) }));
    else if (key === 'rows') parts.push(t('audit.detail.rows', { count: Number(value) }));
    else if (key === 'invited') parts.push(t('audit.detail.invited', { count: Number(value) }));
    else if (key === 'skipped') parts.push(t('audit.detail.skipped', { count: Number(value) }));
    else if (key === 'failed') parts.push(t('audit.detail.failed', { count: Number(value) }));
    else if (key === 'field') parts.push(t('audit.detail.field', { field: label(String(value)) }));
    else parts.push(`${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  if ('from' in detail || 'to' in detail) parts.unshift(t('audit.detail.roleChange', { from: role(detail.from), to: role(detail.to) }));
  return <Typography.Text type="secondary">{parts.join('；')}</Typography.Text>;
}
