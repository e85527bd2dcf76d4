import { type CompletionData, type Suggestion, suggest } from './completion.js';
import { h } from './dom.js';

/** A composer: a text box that takes the same commands as the chats, with completion and inline errors. */
export interface Composer {
  focus(): void;
  /** Puts text in the box (a card button's command to finish) and focuses it. */
  fill(text: string): void;
  /** Shows a message only this person sees, under the box (errors, help). */
  notice(text: string, tone: 'error' | 'info'): void;
  clearNotice(): void;
}

/**
 * Builds a composer inside `form`. Keyboard-first: Enter sends (Shift+Enter is a new line), ↑ in an empty box brings
 * back the last message to edit, Tab or Enter on a highlighted suggestion takes it, ↑/↓ move through suggestions,
 * Esc closes them (a second Esc is left to the page: it closes the thread or card).
 *
 * @example
 *   const composer = mountComposer(form, { placeholder: 'Message #playground', data: () => data, send });
 */
export function mountComposer(
  form: HTMLFormElement,
  options: { placeholder: string; data: () => CompletionData; send: (text: string) => Promise<void> },
): Composer {
  const box = h('textarea', {
    rows: 1,
    placeholder: options.placeholder,
    'aria-label': options.placeholder,
    spellcheck: 'false',
    enterkeyhint: 'send',
  }) as HTMLTextAreaElement;
  const list = h('ul', { class: 'suggestions', role: 'listbox', hidden: true });
  const notice = h('div', { class: 'notice', role: 'status', hidden: true });
  const button = h('button', { type: 'submit', class: 'send', 'aria-label': 'Send (Enter)' }, 'Send');
  form.append(list, h('div', { class: 'row' }, box, button), notice);
  let suggestions: Suggestion[] = [];
  let selected = -1;
  let last = '';

  const close = () => {
    suggestions = [];
    selected = -1;
    list.hidden = true;
    list.replaceChildren();
  };
  const draw = () => {
    list.replaceChildren(
      ...suggestions.map((item, index) =>
        h(
          'li',
          {
            role: 'option',
            class: index === selected ? 'selected' : undefined,
            'aria-selected': index === selected ? 'true' : 'false',
            onmousedown: (event) => {
              event.preventDefault();
              take(item);
            },
          },
          h('b', {}, item.label),
          h('span', {}, item.detail),
        ),
      ),
    );
    list.hidden = suggestions.length === 0;
  };
  const refresh = () => {
    suggestions = suggest(box.value, options.data());
    selected = Math.min(selected, suggestions.length - 1);
    draw();
  };
  const take = (item: Suggestion) => {
    box.value = item.text;
    close();
    box.focus();
    refresh();
  };
  const grow = () => {
    box.style.height = 'auto';
    box.style.height = `${Math.min(box.scrollHeight, 200)}px`;
  };
  const submit = async () => {
    const text = box.value.trim();
    if (!text) return;
    last = text;
    box.value = '';
    grow();
    close();
    notice.hidden = true;
    try {
      await options.send(text);
    } catch (error) {
      api.notice(error instanceof Error ? error.message : String(error), 'error');
    }
  };

  box.addEventListener('input', () => {
    grow();
    refresh();
  });
  box.addEventListener('blur', () => setTimeout(close, 100));
  box.addEventListener('keydown', (event) => {
    const open = suggestions.length > 0;
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (open && selected >= 0) take(suggestions[selected]);
      else void submit();
    } else if (event.key === 'Tab' && open) {
      event.preventDefault();
      take(suggestions[Math.max(selected, 0)]);
    } else if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      selected = (selected + 1) % suggestions.length;
      draw();
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      selected = selected <= 0 ? suggestions.length - 1 : selected - 1;
      draw();
    } else if (event.key === 'ArrowUp' && !box.value && last) {
      event.preventDefault();
      box.value = last;
      grow();
      box.setSelectionRange(last.length, last.length);
    } else if (event.key === 'Escape' && (open || !notice.hidden)) {
      event.preventDefault();
      event.stopPropagation();
      close();
      notice.hidden = true;
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  const api: Composer = {
    focus: () => box.focus(),
    fill(text) {
      box.value = text;
      grow();
      box.focus();
      box.setSelectionRange(text.length, text.length);
      refresh();
    },
    notice(text, tone) {
      notice.replaceChildren(
        h('span', { class: 'notice-text' }, text),
        h(
          'button',
          { type: 'button', class: 'icon', 'aria-label': 'Dismiss', onclick: () => (notice.hidden = true) },
          '✕',
        ),
      );
      notice.className = `notice ${tone}`;
      notice.hidden = false;
    },
    clearNotice: () => {
      notice.hidden = true;
    },
  };
  return api;
}
