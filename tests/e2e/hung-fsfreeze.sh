# Seed 003: fsfreeze a small filesystem, a writer blocks, hung_task_panic.
# The verdict names the frozen filesystem (device, type, freeze level) and
# the blocked writer.
. "$(dirname "$0")/lib.sh"
setup='
echo 1 > /proc/sys/kernel/hung_task_panic
echo 5 > /proc/sys/kernel/hung_task_timeout_secs
dd if=/dev/zero of=/tmp/fs.img bs=1M count=8 2>/dev/null
losetup /dev/loop0 /tmp/fs.img
mke2fs -q /dev/loop0
mkdir -p /mnt/frozen
mount -t ext2 /dev/loop0 /mnt/frozen'
crashvm hung-fsfreeze --kmod loop --kmod ext4 --kmod crc32c_generic --setup "$setup" \
	--trigger 'fsfreeze --freeze /mnt/frozen; dd if=/dev/zero of=/mnt/frozen/f bs=4k count=16' \
	--timeout 240 || e2e_done
expect .class hung_task
expect .kind frozen_fs
expect .culprit.comm dd
expect_match .summary 'loop0'
expect_match .summary 'ext[24]'
expect_match .summary 'frozen'
expect_match .summary 'SB_FREEZE_COMPLETE|level 4'
expect_true '[.chain[] | select(.comm == "dd")][0].waits_on.type == "percpu_rwsem"'
e2e_done
