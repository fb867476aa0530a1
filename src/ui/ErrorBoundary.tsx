import type { ErrorInfo, ReactNode } from 'react';
import { Component } from 'react';

interface State {
  message: string | null;
}

/** Turns a rendering error into a readable message (never a blank page or a stack trace). */
export class ErrorBoundary extends Component<{ where: string; children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(e: unknown): State {
    return { message: e instanceof Error ? e.message : String(e) };
  }

  override componentDidCatch(e: unknown, info: ErrorInfo): void {
    console.warn(`Pruning Lab: ${this.props.where} failed`, e, info.componentStack);
  }

  override render() {
    if (this.state.message === null) return this.props.children;
    return (
      <div className="boundary" role="alert">
        <strong>{this.props.where} could not be shown.</strong> {this.state.message}
        <button type="button" onClick={() => this.setState({ message: null })}>
          Try again
        </button>
      </div>
    );
  }
}
