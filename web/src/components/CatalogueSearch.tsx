import { Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/context';

const typingPauseMs = 300;

/**
 * Searches as the person types (after a short pause), and at once on Enter or the button.
 * Typing with an IME (pinyin) fires change events for unfinished syllables, so those are
 * not searched until the characters are committed.
 */
export function CatalogueSearch({ value, onSearch }: { value: string; onSearch(text: string): void }) {
  const { t } = useI18n();
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

  // The URL can change under us (back button, "Clear filters"); our own searches coming back
  // through the URL must not overwrite what the person typed since.
  useEffect(() => {
    if (value !== sent.current) {
      sent.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    // Input.Search puts data-* attributes on its wrapper, but tests address the text field itself
    ref.current?.input?.setAttribute('data-testid', 'catalogue-search');
  }, []);

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
      placeholder={t('catalogue.searchPlaceholder')}
      aria-label={t('catalogue.searchPlaceholder')}
      onChange={(event) => setText(event.target.value)}
      onCompositionStart={() => (composing.current = true)}
      onCompositionEnd={(event) => {
        composing.current = false;
        setText(event.currentTarget.value);
      }}
      onSearch={(next) => search(next.trim())}
      style={{ width: 320, maxWidth: '100%' }}
    />
  );
}
