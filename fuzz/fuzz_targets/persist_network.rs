//! `persist::from_bytes::<Network>` on arbitrary payloads (framed as format version 2, which has
//! no checksum; the seed corpus holds valid payloads to mutate). Whatever it accepts must be a
//! consistent network that the core can use, and must write the same bytes when saved and read
//! again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wijknet::{persist, Network};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = persist::from_bytes::<Network>(&wijknet_fuzz::framed(data)) else {
        return;
    };
    wijknet_fuzz::assert_round_trip(&value);
    wijknet_fuzz::check_loaded_network(value);
});
