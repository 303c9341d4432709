import { Fragment, type JSX } from 'preact';

/** An error code inside words: "LOCAL.IMPORTED_UNREAD", "AIS.0104", "ModelArts.4204". */
const CODE = /[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+)+/g;

/**
 * Text whose error codes may wrap only after a dot or an underscore ("LOCAL.<wbr>IMPORTED_<wbr>UNREAD"),
 * never mid-word: each code is a `.code-word` span (batch.css keeps `overflow-wrap: normal` there,
 * while the words around it may still break anywhere in a narrow cell).
 */
export function CodeWords({ text }: { text: string }) {
  const parts: (string | JSX.Element)[] = [];
  let at = 0;
  for (const match of text.matchAll(CODE)) {
    const start = match.index;
    if (start > at) parts.push(text.slice(at, start));
    const pieces = match[0].split(/(?<=[._])/);
    parts.push(
      <span class="code-word" key={start}>
        {pieces.map((piece, i) => (
          <Fragment key={i}>
            {i > 0 && <wbr />}
            {piece}
          </Fragment>
        ))}
      </span>,
    );
    at = start + match[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
