import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { ToastStore } from '../stores/index.js';
import { Icon } from './icons.js';

/** Confirmations in the corner, in a polite live region. */
export function Toasts({ store }: { store: ToastStore }) {
  const { toasts, dismiss } = useStore(store);
  const { t } = useTranslation('common');
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
          <Icon name={toast.tone === 'success' ? 'check' : toast.tone === 'info' ? 'info' : 'alert'} className="toast-icon" />
          <span className="toast-message">{toast.message}</span>
          <button type="button" className="icon-button" aria-label={t('action.dismiss')} onClick={() => dismiss(toast.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
