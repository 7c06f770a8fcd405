//! An async intent started from an event handler, with its control marked busy until the
//! intent ends (so a second tap cannot start it twice).

use std::future::Future;

use yew::UseStateHandle;

/// Sets `busy`, runs `work` to its end, then clears `busy`.
pub fn spawn_busy(busy: UseStateHandle<bool>, work: impl Future<Output = ()> + 'static) {
    busy.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        work.await;
        busy.set(false);
    });
}
