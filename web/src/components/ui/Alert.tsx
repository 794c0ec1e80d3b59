import { Icon } from './Icon';

/** A live region that announces `message`; stays in the page while empty so screen readers catch the first error. */
export function Alert({ message }: { message: string | null }) {
  return (
    <div role="alert" className={message ? 'alert' : 'alert alert-empty'}>
      {message && (
        <>
          <Icon name="alert" size={18} />
          <span>{message}</span>
        </>
      )}
    </div>
  );
}
