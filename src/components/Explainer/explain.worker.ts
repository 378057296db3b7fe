/**
 * The explainer's Web Worker: analyses a text off the page's main thread, so that typing and
 * scrolling stay smooth whatever was pasted. A thin wrapper: the protocol and the engine live in
 * src/lib/dovecot/explain.
 */
import {answer, type ExplainReply, type ExplainRequest} from '../../lib/dovecot/explain/protocol';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ExplainRequest>) => void) | null;
  postMessage(reply: ExplainReply): void;
};

scope.onmessage = (e) => scope.postMessage(answer(e.data));
