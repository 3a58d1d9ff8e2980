import { Component, type ErrorInfo, type ReactNode } from 'react';
import { reportCrash } from '../api/crash-reports';
import { CrashNotice } from './CrashNotice';

interface Props {
  children: ReactNode;
}

interface State {
  crashed: boolean;
}

/** Turns a render error into a calm "please reload" page, and tells the server about it. */
export class CrashBoundary extends Component<Props, State> {
  override state: State = { crashed: false };

  static getDerivedStateFromError(): State {
    return { crashed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    reportCrash({ message: error.message, stack: error.stack, component: info.componentStack ?? undefined });
  }

  override render(): ReactNode {
    return this.state.crashed ? <CrashNotice /> : this.props.children;
  }
}
