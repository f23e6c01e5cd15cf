//! A parallel map whose results are consumed in input order, at most a
//! small window ahead of the consumer: `moulint check` streams each file's
//! report to the output as soon as the files before it are written, so a
//! run holds a few reports at a time, never all of them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Maps every item on `workers` threads and hands each result to `consume`
/// in the items' order. No worker starts item `i` before the consumer has
/// taken item `i - window`, so at most `window` results wait. When `consume`
/// fails, no new item is started and the error is returned.
pub fn map_in_order<T, R, E>(
    items: &[T],
    workers: usize,
    window: usize,
    map: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(usize, R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let workers = workers.clamp(1, items.len().max(1));
    let window = window.max(workers);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many results the consumer has taken, and a bell for the workers
    // waiting for the window to move.
    let taken = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, taken, map) = (&next, &stop, &taken, &map);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= items.len() {
                    return;
                }
                {
                    let (lock, bell) = taken;
                    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *done + window && !stop.load(Ordering::Relaxed) {
                        done = bell.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if stop.load(Ordering::Relaxed) || tx.send((i, map(&items[i]))).is_err() {
                    return;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        let mut result = Ok(());
        for (i, r) in rx.iter() {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                if let Err(e) = consume(want, r) {
                    result = Err(e);
                    break;
                }
                want += 1;
                let (lock, bell) = &taken;
                *lock.lock().unwrap_or_else(|e| e.into_inner()) = want;
                bell.notify_all();
            }
            if result.is_err() {
                break;
            }
        }
        if result.is_err() {
            stop.store(true, Ordering::Relaxed);
            let (lock, bell) = &taken;
            drop(lock.lock().unwrap_or_else(|e| e.into_inner()));
            bell.notify_all();
        }
        // Dropping the receiver makes a worker's next send fail: it stops.
        drop(rx);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::map_in_order;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_input_order() {
        let items: Vec<u64> = (0..500).collect();
        let mut seen = Vec::new();
        map_in_order(
            &items,
            4,
            8,
            |&n| {
                // Uneven work, so that later items often finish first.
                std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 300));
                n * 2
            },
            |i, r| {
                seen.push((i, r));
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        let want: Vec<(usize, u64)> = (0..500).map(|n| (n as usize, n * 2)).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn workers_stay_within_the_window() {
        let items: Vec<usize> = (0..200).collect();
        let started = AtomicUsize::new(0);
        let mut consumed = 0;
        map_in_order(
            &items,
            3,
            5,
            |&n| {
                started.fetch_max(n, Ordering::SeqCst);
                n
            },
            |i, _| {
                // Nothing started more than a window past what is taken.
                assert!(started.load(Ordering::SeqCst) < i + 1 + 5);
                consumed += 1;
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(consumed, 200);
    }

    #[test]
    fn a_failing_consumer_stops_the_work() {
        let items: Vec<usize> = (0..10_000).collect();
        let mapped = AtomicUsize::new(0);
        let got = map_in_order(
            &items,
            2,
            4,
            |&n| {
                mapped.fetch_add(1, Ordering::SeqCst);
                n
            },
            |i, _| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(got, Err(10));
        assert!(mapped.load(Ordering::SeqCst) < 100);
        let none: Vec<usize> = Vec::new();
        assert_eq!(
            map_in_order(&none, 2, 4, |&n| n, |_, _| Err::<(), ()>(())),
            Ok(())
        );
    }
}
