import { useState } from 'react';
import { parseMmText } from '../../shared/scene';
import { useCommands } from '../context/commands';

/** Accepts coordinates as copied from papers: 'x y z', 'x, y, z', '(x,y,z)'. Enter moves there. */
export function GotoMm() {
  const { run } = useCommands();
  const [text, setText] = useState('');
  const bad = text.trim() !== '' && parseMmText(text) === null;
  return (
    <form
      className="goto"
      onSubmit={(e) => {
        e.preventDefault();
        if (parseMmText(text)) void run('view.gotoMm', { text });
      }}
    >
      <label htmlFor="goto-mm">Go to MNI (mm)</label>
      <input
        id="goto-mm"
        data-testid="goto-mm"
        placeholder="-24 -4 -18"
        value={text}
        aria-invalid={bad}
        onChange={(e) => setText(e.target.value)}
      />
      {bad && <div className="hint">Type three numbers, e.g. -24 -4 -18</div>}
    </form>
  );
}
