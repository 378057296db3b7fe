/** A status line's text ("Copied"), cleared after `clearAfterMs` so an old message does not linger. */
import {useEffect, useState} from 'react';

export default function useStatus(clearAfterMs: number): [string, (status: string) => void] {
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (!status) return undefined;
    const t = setTimeout(() => setStatus(''), clearAfterMs);
    return () => clearTimeout(t);
  }, [status, clearAfterMs]);
  return [status, setStatus];
}
