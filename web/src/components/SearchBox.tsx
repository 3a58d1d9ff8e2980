import { Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';

const typingPauseMs = 300;

interface Props {
  value: string;
  placeholder: string;
  /** put on the text field itself (Input.Search puts data-* attributes on its wrapper) */
  testId: string;
  width?: number;
  onSearch(text: string): void;
}

/**
 * Searches as the person types (after a short pause), and at once on Enter or the button.
 * Typing with an IME (pinyin) fires change events for unfinished syllables, so those are
 * not searched until the characters are committed.
 */
export function SearchBox({ value, placeholder, testId, width = 320, onSearch }: Props) {
  const [text, setText] = useState(value);
  const composing = useRef(false);
  const ref = useRef<InputRef>(null);
  const sent = useRef(value);
  const onSearchRef = useRef(onSearch);
  onSearchRef.current = onSearch;

  const search = (next: string) => {
    sent.current = next;
    onSearchRef.current(next);
  };

  // The value can change under us (back button, "Clear filters"); our own searches coming back
  // through it must not overwrite what the person typed since.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    ref.current?.input?.setAttribute('data-testid', testId);
  }, [testId]);

  useEffect(() => {
    if (composing.current || text.trim() === sent.current) return;
    const timer = setTimeout(() => search(text.trim()), typingPauseMs);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <Input.Search
      ref={ref}
      allowClear
      value={text}
      placeholder={placeholder}
      aria-label={placeholder}
      onChange={(event) => setText(event.target.value)}
      onCompositionStart={() => (composing.current = true)}
      onCompositionEnd={(event) => {
        composing.current = false;
        setText(event.currentTarget.value);
      }}
      onSearch={(next) => search(next.trim())}
      style={{ width, maxWidth: '100%' }}
    />
  );
}
