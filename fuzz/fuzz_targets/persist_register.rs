//! A register decoded from arbitrary bytes (the payload of saved data: registers are saved
//! inside networks; the seed corpus holds valid payloads to mutate). Whatever is accepted must
//! be a consistent register that the core can use, and must write the same bytes when saved
//! and read again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wijknet::Register;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = postcard::from_bytes::<Register>(data) else {
        return;
    };
    wijknet_fuzz::assert_round_trip(&value);
    wijknet_fuzz::check_loaded_register(value);
});
