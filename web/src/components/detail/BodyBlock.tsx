import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Body } from '../../api';
import { looksJson, viewBody } from '../../logic/body';
import { bodyBytes, downloadName, essence, isImage } from '../../logic/download';
import type { Json } from '../../logic/jsonTree';
import { JsonTree } from './JsonTree';

/** A blob: URL of the body's bytes for as long as the view shows them. */
function useBlobUrl(body: Body, mimeType: string | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  const { data, encoding } = body;
  useEffect(() => {
    // By its data, not the object: a body made while rendering is a new object every time.
    const bytes = bodyBytes({ data, encoding, size: 0, truncated: false });
    if (!bytes) return;
    const made = URL.createObjectURL(new Blob([bytes], { type: essence(mimeType) || 'application/octet-stream' }));
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [data, encoding, mimeType]);
  return url;
}

/** The body as parsed JSON, when it is text that parses as such; parsed once, as a body may be megabytes. */
function parsedJson(body: Body, mimeType: string | undefined): { value: Json } | null {
  if (body.encoding === 'base64' || body.data === undefined || !looksJson(body.data, mimeType)) return null;
  try {
    return { value: JSON.parse(body.data) as Json };
  } catch {
    return null;
  }
}

/** A body: JSON as a tree, an image previewed, binary as hex, else text; and a download of its bytes. */
export function BodyBlock(props: { title: string; body: Body | undefined; mimeType?: string; url?: string }) {
  const { body, mimeType } = props;
  if (!body) return null;
  const testId = `body-${props.title.toLowerCase().replace(/\s+/g, '-')}`;
  return (
    <section>
      <h3>
        {props.title} <small>({body.size} bytes{body.truncated ? ', cut when stored' : ''})</small>
        {body.data !== undefined && <Download body={body} mimeType={mimeType} url={props.url} testId={`${testId}-download`} />}
      </h3>
      <BodyContent body={body} mimeType={mimeType} testId={testId} />
    </section>
  );
}

function Download(props: { body: Body; mimeType?: string; url?: string; testId: string }) {
  const href = useBlobUrl(props.body, props.mimeType);
  if (!href) return null;
  return (
    <a class="button download" href={href} download={downloadName(props.url, props.mimeType)} data-testid={props.testId}>
      Download body
    </a>
  );
}

function BodyContent(props: { body: Body; mimeType?: string; testId: string }) {
  const { body, mimeType, testId } = props;
  const image = body.data !== undefined && isImage(mimeType) && !body.truncated;
  const json = useMemo(() => (image ? null : parsedJson(body, mimeType)), [image, body, mimeType]);
  if (image) return <ImagePreview body={body} mimeType={mimeType} testId={testId} />;
  if (json) return <JsonTree value={json.value} testId={testId} />;
  const view = viewBody(body, mimeType);
  return (
    <pre class={`body body-${view.kind}`} data-testid={testId}>
      {view.text}
    </pre>
  );
}

function ImagePreview(props: { body: Body; mimeType?: string; testId: string }) {
  const src = useBlobUrl(props.body, props.mimeType);
  return src ? <img class="body-image" src={src} alt="response body" data-testid={props.testId} /> : null;
}
