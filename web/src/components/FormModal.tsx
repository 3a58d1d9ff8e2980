import { Form, Modal, type ButtonProps, type FormInstance } from 'antd';
import type { ReactNode } from 'react';

interface Props<Values> {
  open: boolean;
  title: ReactNode;
  okText: string;
  /** the OK button's data-testid */
  okTestId: string;
  /** a red OK button, for a refusal or a rejection */
  danger?: boolean;
  pending: boolean;
  form: FormInstance<Values>;
  initialValues?: Partial<Values>;
  onFinish(values: Values): void;
  onClose(): void;
  /** the form's items */
  children: ReactNode;
}

/**
 * A modal around one vertical form. OK submits the form, so its rules speak before anything is
 * sent; closing empties it, so each opening starts from the initial values again.
 */
export function FormModal<Values>({ open, title, okText, okTestId, danger, pending, form, initialValues, onFinish, onClose, children }: Props<Values>) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading: pending, 'data-testid': okTestId } as ButtonProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={initialValues} onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  );
}
