import { employerFields, type EmployerField } from '../../../common/org.ts';
import { useI18n } from '../i18n/context';

export function isEmployerField(field: string): field is EmployerField {
  return (employerFields as readonly string[]).includes(field);
}

/** The name of a member-record field in the person's language; a field this client does not know keeps its own name. */
export function useFieldLabel() {
  const { t } = useI18n();
  return (field: string) => (isEmployerField(field) ? t(`field.${field}`) : field);
}
